//! `newsflow-fixture-site`: serves the fixture news site on loopback.

use std::net::SocketAddr;

use clap::Parser;

/// Serve the deterministic fixture news site (for demos, tests and
/// benchmarks) until interrupted.
#[derive(Parser)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8480")]
    listen: SocketAddr,
    /// Print the demo URL list and keep serving.
    #[arg(long)]
    print_urls: bool,
    /// Print the demo URL list for a site reached at this base URL (e.g.
    /// `http://fixture-site:8480` in deploy/compose.yaml) and exit.
    #[arg(long, value_name = "BASE_URL")]
    list_urls: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(base) = args.list_urls {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for u in newsflow_fixture_site::demo_urls(base.trim_end_matches('/')) {
            // A reader that stops early (`| head`) is not an error.
            if writeln!(out, "{}", u.url).is_err() {
                break;
            }
        }
        return Ok(());
    }
    let (addr, task) = newsflow_fixture_site::serve(args.listen).await?;
    eprintln!("fixture site on http://{addr}");
    if args.print_urls {
        for u in newsflow_fixture_site::demo_urls(&format!("http://{addr}")) {
            println!("{}", u.url);
        }
    }
    tokio::select! {
        _ = task => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}
