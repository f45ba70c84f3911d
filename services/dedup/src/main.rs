//! `newsflow-dedup`: the dedup stage as a service (articles.parsed →
//! articles.unique, articles.duplicates).

use std::process::ExitCode;

use clap::Parser;
use newsflow_dedup::{DedupSettings, DedupStage, ADMIN_PORT};
use newsflow_runtime::service::{self, ServiceArgs};

#[tokio::main]
async fn main() -> ExitCode {
    let args = ServiceArgs::parse();
    service::main(args, "dedup", ADMIN_PORT, |settings, metrics| {
        let dedup: DedupSettings = settings.stage("dedup")?;
        Ok(DedupStage::from_store(dedup, &settings.store)?.with_metrics(metrics.registry()))
    })
    .await
}
