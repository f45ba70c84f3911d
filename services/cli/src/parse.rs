//! `newsflow parse`: the parse stage on saved pages, offline — the interface
//! through which extraction quality and speed are measured.
//!
//! - `newsflow parse --url URL FILE`: one page (HTML or .html.gz) → one
//!   Article as JSON;
//! - `newsflow parse --manifest FILE`: JSON lines `{"id","path","url"}` →
//!   JSON lines `{"id","article":{...}}` or `{"id","error":"..."}`, in input
//!   order, pages processed in parallel on every core.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newsflow_contracts::{encode, Article, WireFormat};
use rayon::prelude::*;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct Args {
    /// A JSON-lines manifest of pages: {"id", "path", "url"}.
    #[arg(long, conflicts_with_all = ["url", "file"])]
    manifest: Option<PathBuf>,
    /// The URL the page was fetched from (for relative links and ids).
    #[arg(long, requires = "file")]
    url: Option<String>,
    /// The page: HTML, or HTML compressed with gzip (.gz).
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(manifest) = &args.manifest {
        return run_manifest(manifest);
    }
    let (Some(url), Some(file)) = (&args.url, &args.file) else {
        anyhow::bail!("give --manifest FILE, or --url URL FILE");
    };
    let article = parse_file(file, url)?;
    let json = String::from_utf8_lossy(&encode(&article, WireFormat::Json)).into_owned();
    writeln!(
        std::io::stdout().lock(),
        "{}",
        escape_line_separators(&json)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn read_page(path: &Path) -> anyhow::Result<Vec<u8>> {
    let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("{} is not valid gzip", path.display()))?;
        return Ok(out);
    }
    Ok(raw)
}

fn parse_file(path: &Path, url: &str) -> anyhow::Result<Article> {
    let bytes = read_page(path)?;
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string));
    let html = newsflow_fetch::charset::decode(&bytes, None, host.as_deref()).text;
    Ok(newsflow_parse::extract(&html, url)?)
}

fn run_manifest(manifest: &Path) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(manifest)
        .with_context(|| format!("cannot open {}", manifest.display()))?;
    let rows: Vec<Value> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(&l)
                .unwrap_or_else(|e| json!({"error": format!("bad manifest line: {e}")}))
        })
        .collect();
    let lines: Vec<String> = rows
        .par_iter()
        .map(|row| {
            let id = row.get("id").cloned().unwrap_or(Value::Null);
            let path = row.get("path").and_then(Value::as_str);
            let url = row.get("url").and_then(Value::as_str).unwrap_or("");
            let result = match path {
                Some(path) => parse_file(Path::new(path), url).map_err(|e| format!("{e:#}")),
                None => Err(row
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("no path")
                    .to_string()),
            };
            match result {
                Ok(article) => {
                    let article: Value = serde_json::to_value(&article).unwrap_or(Value::Null);
                    json!({"id": id, "article": article}).to_string()
                }
                Err(error) => json!({"id": id, "error": error}).to_string(),
            }
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in lines {
        writeln!(out, "{}", escape_line_separators(&line))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// JSON allows U+2028, U+2029 and U+0085 raw inside strings, but many
/// line-oriented readers (Python's `splitlines`, JavaScript before ES2019)
/// break lines there; escaping keeps one record per line.
fn escape_line_separators(line: &str) -> String {
    line.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_separators_are_escaped_and_still_valid_json() {
        let line = serde_json::json!({"t": "a\u{2028}b\u{85}c"}).to_string();
        let escaped = super::escape_line_separators(&line);
        assert_eq!(escaped.lines().count(), 1);
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["t"], "a\u{2028}b\u{85}c");
    }
}
