//! `newsflow-parse`: the parse stage as a service (pages → articles.parsed).

use std::process::ExitCode;

use clap::Parser;
use newsflow_parse::{ParseSettings, ParseStage, ADMIN_PORT};
use newsflow_runtime::service::{self, ServiceArgs};

#[tokio::main]
async fn main() -> ExitCode {
    let args = ServiceArgs::parse();
    service::main(args, "parse", ADMIN_PORT, |settings, _metrics| {
        let parse: ParseSettings = settings.stage("parse")?;
        Ok(ParseStage::new(parse))
    })
    .await
}
