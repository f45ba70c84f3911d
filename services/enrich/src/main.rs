//! `newsflow-enrich`: the enrich stage as a service (articles.unique →
//! articles.enriched).

use std::process::ExitCode;

use clap::Parser;
use newsflow_enrich::{EnrichStage, ADMIN_PORT};
use newsflow_runtime::service::{self, ServiceArgs};

/// mimalloc rather than glibc malloc: the annotators allocate many small
/// strings, and enrich spends 40 % less CPU per article with it (built
/// without transparent huge pages, which cost a third more resident memory
/// for nothing). Only this service: parse's resident memory doubled under
/// mimalloc for a few per cent of speed, and was still a third larger
/// without huge pages (docs/benchmarks.md, "End to end").
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
