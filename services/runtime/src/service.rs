//! The entry point shared by every service binary (`newsflow-<stage>`).
//! `main.rs` of a stage is glue: parse [`ServiceArgs`], then call [`main`]
//! with a function that builds the stage from the settings.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use crate::admin::{self, Health};
use crate::config::{ConfigArgs, Settings};
use crate::metrics::Metrics;
use crate::stage::Stage;
use crate::{kafka, shutdown, telemetry};

/// Command-line flags of every service.
#[derive(Debug, Clone, clap::Parser)]
pub struct ServiceArgs {
    /// Configuration sources.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print the effective configuration (secrets redacted) and exit.
    #[arg(long)]
    pub print_config: bool,
}

/// Loads the configuration, builds the stage, serves the admin port and runs
/// the Kafka transport until SIGTERM or SIGINT. Errors are reported here,
/// once, and turned into a non-zero exit code.
pub async fn main<S, F>(args: ServiceArgs, stage_name: &str, admin_port: u16, build: F) -> ExitCode
where
    S: Stage,
    F: FnOnce(&Settings, &Metrics) -> anyhow::Result<S>,
{
    let settings = match Settings::load(&args.config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("newsflow-{stage_name}: {e}");
            return ExitCode::from(2);
        }
    };
    if args.print_config {
        print!("{}", settings.to_redacted_toml());
        return ExitCode::SUCCESS;
    }
    telemetry::init(&settings.log);
    match run(settings, admin_port, build).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "newsflow-{stage_name} failed");
            ExitCode::FAILURE
        }
    }
}

/// The service without argument parsing: admin port plus Kafka transport.
pub async fn run<S, F>(settings: Settings, admin_port: u16, build: F) -> anyhow::Result<()>
where
    S: Stage,
    F: FnOnce(&Settings, &Metrics) -> anyhow::Result<S>,
{
    let metrics = Metrics::new(env!("CARGO_PKG_VERSION"));
    let stage = Arc::new(build(&settings, &metrics)?);
    let health = Arc::new(Health::default());
    health.set_dependency_check({
        let stage = stage.clone();
        move || stage.dependencies_ok()
    });
    let shutdown = shutdown::on_signal();
    let listen = settings
        .admin
        .listen
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, admin_port)));
    let admin_stop = tokio_util::sync::CancellationToken::new();
    let (addr, admin_task) =
        admin::serve(listen, metrics.clone(), health.clone(), admin_stop.clone())
            .await
            .map_err(|e| anyhow::anyhow!("admin port {listen}: {e}"))?;
    tracing::info!(stage = stage.name(), admin = %addr, "started");
    let result = kafka::run(stage, &settings, metrics, health, shutdown).await;
    admin_stop.cancel();
    let _ = admin_task.await;
    Ok(result?)
}
