//! The newsflow stage runtime.
//!
//! A *stage* ([`Stage`]) is plain logic: one input message in, one
//! [`Outcome`] out. It knows nothing of Kafka. This crate wires a stage to a
//! transport:
//!
//! - [`kafka`]: a consumer group on Apache Kafka with bounded in-flight work,
//!   offsets committed only after every output a message caused is
//!   acknowledged (as a contiguous watermark per partition), retries with
//!   backoff, a dead-letter topic, and graceful drain on revocation and
//!   SIGTERM;
//! - [`memory`]: the same stages joined by bounded channels in one process,
//!   for the embedded `newsflow run` and for fast tests.
//!
//! [`service::run`] is the entry point of every service binary: layered
//! configuration, logging, the admin HTTP port (`/metrics`, `/healthz`,
//! `/readyz`) and the Kafka transport, stopped by a signal.

pub mod admin;
pub mod config;
pub mod kafka;
pub mod memory;
pub mod metrics;
pub mod retry;
pub mod service;
pub mod shutdown;
pub mod stage;
pub mod store;
pub mod telemetry;
pub mod watermark;

pub use config::Settings;
pub use metrics::Metrics;
pub use stage::{Emit, Failure, Outcome, Stage};
