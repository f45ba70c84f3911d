//! `newsflow-fetch`: the fetch stage as a service (urls → pages).

use std::process::ExitCode;

use clap::Parser;
use newsflow_fetch::{FetchDeps, FetchSettings, FetchStage, ADMIN_PORT};
use newsflow_runtime::service::{self, ServiceArgs};

#[tokio::main]
async fn main() -> ExitCode {
    let args = ServiceArgs::parse();
    service::main(args, "fetch", ADMIN_PORT, |settings, metrics| {
        let fetch: FetchSettings = settings.stage("fetch")?;
        let deps = FetchDeps {
            registry: Some(metrics.registry().clone()),
            store: newsflow_runtime::store::from_settings(&settings.store)?,
            ..FetchDeps::default()
        };
        Ok(FetchStage::with_deps(fetch, deps)?)
    })
    .await
}
