//! Reading URL lists: arguments, a file, or stdin; validated one by one.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::Context;
use url::Url;

/// A URL list that did not parse, line by line.
pub struct Invalid {
    pub line: String,
    pub reason: String,
}

/// Opens `path` for reading by lines; `-` is stdin.
pub fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Box::new(std::io::BufReader::new(file)))
}

/// Reads URLs from `args`, else `file` (`-` is stdin), else stdin. Blank lines
/// and `#` comments are ignored.
pub fn read_urls(args: &[String], file: Option<&PathBuf>) -> anyhow::Result<Vec<String>> {
    if !args.is_empty() {
        return Ok(args.to_vec());
    }
    let reader = match file {
        Some(path) => open(path)?,
        None => Box::new(std::io::stdin().lock()),
    };
    let mut urls = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim();
        if !line.is_empty() && !line.starts_with('#') {
            urls.push(line.to_string());
        }
    }
    Ok(urls)
}

/// Splits into valid http(s) URLs and the rest with the reason.
pub fn validate(lines: Vec<String>) -> (Vec<Url>, Vec<Invalid>) {
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    for line in lines {
        match Url::parse(&line) {
            Ok(url) if !matches!(url.scheme(), "http" | "https") => invalid.push(Invalid {
                reason: format!("scheme {:?} is not http or https", url.scheme()),
                line,
            }),
            Ok(url) if url.host_str().is_none_or(str::is_empty) => invalid.push(Invalid {
                reason: "no host".into(),
                line,
            }),
            Ok(url) => valid.push(url),
            Err(e) => invalid.push(Invalid {
                reason: e.to_string(),
                line,
            }),
        }
    }
    (valid, invalid)
}

/// Keeps the first URL of each canonical form (`newsflow_contracts::canonical`):
/// `?utm_source=…`, `#top` or `m.` variants of a URL already listed are one
/// article. Returns the kept URLs and how many were dropped.
pub fn distinct(urls: Vec<Url>) -> (Vec<Url>, usize) {
    let mut seen = std::collections::HashSet::new();
    let before = urls.len();
    let kept: Vec<Url> = urls
        .into_iter()
        .filter(|u| seen.insert(newsflow_contracts::ids::canonical_form(u)))
        .collect();
    let dropped = before - kept.len();
    (kept, dropped)
}

pub fn report_invalid(invalid: &[Invalid]) {
    for i in invalid {
        eprintln!("invalid URL {:?}: {}", i.line, i.reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_article_are_submitted_once() {
        let (valid, invalid) = validate(
            [
                "https://news.example/a?utm_source=x",
                "https://www.news.example/a#top",
                "https://news.example/b",
                "ftp://news.example/a",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(invalid.len(), 1);
        let (kept, dropped) = distinct(valid);
        assert_eq!(dropped, 1);
        assert_eq!(
            kept.iter().map(Url::as_str).collect::<Vec<_>>(),
            [
                "https://news.example/a?utm_source=x",
                "https://news.example/b"
            ]
        );
    }
}
