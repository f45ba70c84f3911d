//! `newsflow-enrich`: the enrich stage as a service (articles.unique →
//! articles.enriched).

use std::process::ExitCode;

use clap::Parser;
use newsflow_enrich::{EnrichStage, ADMIN_PORT};
use newsflow_runtime::service::{self, ServiceArgs};

/// mimalloc rather than glibc malloc: parsing and enrichment allocate many
/// small strings (see docs/benchmarks.md, "Allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args = ServiceArgs::parse();
    service::main(args, "enrich", ADMIN_PORT, |_settings, metrics| {
        Ok(EnrichStage::new(Some(metrics.registry())))
    })
    .await
}
