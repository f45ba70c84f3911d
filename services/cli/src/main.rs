//! `newsflow`: the command-line tool. Each subcommand lives in its own module;
//! this file only parses arguments and reports errors.

mod enrich;
mod input;
mod parse;
mod run;
mod similar;
mod submit;
mod tail;
mod topics;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use newsflow_runtime::config::{ConfigArgs, Settings};

/// newsflow turns a stream of article URLs into a stream of clean, enriched,
/// deduplicated articles.
#[derive(Parser)]
#[command(name = "newsflow", version)]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Put URLs on the `urls` topic, keyed by host (from arguments, --file, or stdin).
    Submit(submit::Args),
    /// Print a topic's messages as JSON lines (DLQ topics with their error metadata).
    Tail(tail::Args),
    /// Manage the topology's topics.
    Topics {
        #[command(subcommand)]
        command: topics::Command,
    },
    /// Run the pipeline embedded in this process, without Kafka.
    Run(run::Args),
    /// Extract articles from saved pages (HTML or .html.gz), offline.
    Parse(parse::Args),
    /// Enrich articles (JSON lines `{"id","article"}`), offline.
    Enrich(enrich::Args),
    /// Compare pairs of texts with the dedup stage's rules, offline.
    Similar(similar::Args),
    /// Print the effective configuration (secrets redacted).
    PrintConfig,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(&cli.config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("newsflow: {e}");
            return ExitCode::from(2);
        }
    };
    newsflow_runtime::telemetry::init(&newsflow_runtime::config::LogSettings {
        level: std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
        ..settings.log.clone()
    });
    let result = match cli.command {
        Command::Submit(args) => submit::run(&settings, args).await,
        Command::Tail(args) => tail::run(&settings, args).await,
        Command::Topics { command } => topics::run(&settings, command).await,
        Command::Run(args) => run::run(&settings, args).await,
        Command::Parse(args) => parse::run(args),
        Command::Similar(args) => similar::run(&settings, args),
        Command::Enrich(args) => enrich::run(args),
        Command::PrintConfig => {
            print!("{}", settings.to_redacted_toml());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // A reader that stopped early (`newsflow parse … | head`) is not a
        // failure of ours.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsflow: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
