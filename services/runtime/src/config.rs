//! Layered configuration: code defaults → TOML file → environment
//! (`NEWSFLOW__SECTION__KEY`) → command-line flags (`--set section.key=value`).
//!
//! Every section rejects unknown keys, so a typo stops the service at start
//! with a message naming the key. Each stage reads its own section under
//! `[stages.<name>]`; the reference table of every key is in
//! `docs/configuration.md`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use newsflow_contracts::WireFormat;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::retry::RetryPolicy;

/// Environment variable prefix; `__` separates sections and keys.
pub const ENV_PREFIX: &str = "NEWSFLOW";

/// Why the configuration could not be loaded. Never retryable: fix the
/// configuration and start again.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A source could not be read or a key is unknown or of the wrong type.
    #[error("invalid configuration: {0}")]
    Invalid(#[from] config::ConfigError),
    /// A `--set` flag is not of the form `key=value`.
    #[error("invalid --set {0:?}: expected section.key=value")]
    BadOverride(String),
    /// A value is out of range or inconsistent; names the key.
    #[error("invalid configuration: key `{key}`: {reason}")]
    Value {
        /// Dotted key path.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Everything a service is configured with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Connection to the Kafka cluster and consumer-group behaviour.
    pub kafka: KafkaSettings,
    /// The topics of the topology, by role (`urls`, `pages`,
    /// `articles_parsed`, …). Topic names are configuration.
    pub topics: BTreeMap<String, TopicSettings>,
    /// Concurrency, retries and shutdown.
    pub runtime: RuntimeSettings,
    /// The admin HTTP port.
    pub admin: AdminSettings,
    /// The shared store (fetch validators, dedup state).
    pub store: crate::store::StoreSettings,
    /// Logging.
    pub log: LogSettings,
    /// Where each stage reads and writes: `[pipeline.<stage>]` names the
    /// input topic role and maps each named output to a topic role. The order
    /// of stages is this configuration, not code.
    pub pipeline: BTreeMap<String, Binding>,
    /// Per-stage sections (`[stages.fetch]`, …), each read by its stage.
    pub stages: BTreeMap<String, toml::Value>,
}

/// The topics one stage reads and writes, by role.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Binding {
    /// The role of the input topic (a key of `[topics]`).
    pub input: String,
    /// Named output → topic role.
    pub outputs: BTreeMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        let topics = [
            ("urls", "urls", 64 * 1024),
            ("pages", "pages", 8 * 1024 * 1024),
            ("articles_parsed", "articles.parsed", 4 * 1024 * 1024),
            ("articles_unique", "articles.unique", 4 * 1024 * 1024),
            (
                "articles_duplicates",
                "articles.duplicates",
                4 * 1024 * 1024,
            ),
            ("articles_enriched", "articles.enriched", 4 * 1024 * 1024),
        ]
        .into_iter()
        .map(|(role, name, max)| {
            (
                role.to_string(),
                TopicSettings {
                    name: name.to_string(),
                    max_message_bytes: max,
                    ..TopicSettings::default()
                },
            )
        })
        .collect();
        Settings {
            kafka: KafkaSettings::default(),
            topics,
            runtime: RuntimeSettings::default(),
            admin: AdminSettings::default(),
            store: crate::store::StoreSettings::default(),
            log: LogSettings::default(),
            pipeline: BTreeMap::from([
                (
                    "fetch".to_string(),
                    Binding {
                        input: "urls".into(),
                        outputs: BTreeMap::from([("pages".to_string(), "pages".to_string())]),
                    },
                ),
                (
                    "parse".to_string(),
                    Binding {
                        input: "pages".into(),
                        outputs: BTreeMap::from([(
                            "articles".to_string(),
                            "articles_parsed".to_string(),
                        )]),
                    },
                ),
                // Before enrich by default; put it after by binding its
                // input to articles_enriched (and enrich's to articles_parsed).
                (
                    "dedup".to_string(),
                    Binding {
                        input: "articles_parsed".into(),
                        outputs: BTreeMap::from([
                            ("unique".to_string(), "articles_unique".to_string()),
                            ("duplicates".to_string(), "articles_duplicates".to_string()),
                        ]),
                    },
                ),
                (
                    "enrich".to_string(),
                    Binding {
                        input: "articles_unique".into(),
                        outputs: BTreeMap::from([(
                            "articles".to_string(),
                            "articles_enriched".to_string(),
                        )]),
                    },
                ),
            ]),
            stages: BTreeMap::new(),
        }
    }
}

/// How outputs and input offsets are made durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryMode {
    /// Offsets committed after outputs are acknowledged: nothing is lost; a
    /// crash may repeat some outputs.
    #[default]
    AtLeastOnce,
    /// Kafka transactions from input to output: each batch's outputs, dead
    /// letters and input offsets are committed together or not at all.
    ExactlyOnce,
}

/// Connection to the Kafka cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KafkaSettings {
    /// Bootstrap servers, comma-separated `host:port`.
    pub brokers: String,
    /// Consumer group; empty means `newsflow-<stage>`.
    pub group_id: String,
    /// Static membership id (`group.instance.id`); empty for dynamic
    /// membership. Set it to a stable per-replica name to avoid a rebalance
    /// on every restart.
    pub group_instance_id: String,
    /// Client id reported to the brokers; empty means `newsflow-<stage>`.
    pub client_id: String,
    /// Delivery guarantee: `at-least-once` or `exactly-once` (see
    /// docs/guarantees.md).
    pub delivery: DeliveryMode,
    /// Exactly-once mode: this instance's `transactional.id`. It must be
    /// unique among running instances and the same across restarts of one
    /// instance (a pod or replica name), so that a restarted instance
    /// fences its previous incarnation and aborts its open transaction at
    /// once. Empty: `newsflow-<stage>-<group_instance_id>` with static
    /// membership, else `newsflow-<stage>-<host>-<pid>` (unique, but an
    /// open transaction of a killed instance then blocks read_committed
    /// readers until `transaction_timeout_ms` passes).
    pub transactional_id: String,
    /// Exactly-once mode: the broker aborts a transaction left open this
    /// long (a crashed instance's), ms.
    pub transaction_timeout_ms: u32,
    /// Exactly-once mode: longest time spent gathering one batch before it
    /// is processed and committed, ms. A batch holds at most
    /// `runtime.max_in_flight` messages.
    pub transaction_batch_ms: u32,
    /// Consumer session timeout in milliseconds.
    pub session_timeout_ms: u32,
    /// Longest gap between polls before the consumer is expelled, ms.
    pub max_poll_interval_ms: u32,
    /// librdkafka statistics interval (feeds the lag gauge), ms; 0 disables.
    pub statistics_interval_ms: u32,
    /// Producer batching delay, ms.
    pub linger_ms: u32,
    /// Compression of produced batches: `zstd` (smallest on the broker),
    /// `lz4` (least CPU), `snappy`, `gzip` or `none`. Consumers read any.
    pub compression: String,
    /// Where a group with no committed offset starts: `earliest` or `latest`.
    pub auto_offset_reset: String,
    /// Extra librdkafka properties for consumer and producer (security.protocol,
    /// sasl.*, ssl.*). Values of keys containing `password`, `secret` or
    /// `key` are redacted by `--print-config`.
    pub properties: BTreeMap<String, String>,
    /// SASL user name; when set it becomes `sasl.username`. Meant for the
    /// environment (`NEWSFLOW__KAFKA__SASL_USERNAME`, e.g. from a Kubernetes
    /// Secret), since dotted librdkafka keys cannot be written there.
    pub sasl_username: String,
    /// SASL password; when set it becomes `sasl.password`
    /// (`NEWSFLOW__KAFKA__SASL_PASSWORD`). Redacted by `--print-config`.
    pub sasl_password: String,
}

impl Default for KafkaSettings {
    fn default() -> Self {
        KafkaSettings {
            brokers: "127.0.0.1:9092".into(),
            group_id: String::new(),
            group_instance_id: String::new(),
            client_id: String::new(),
            delivery: DeliveryMode::AtLeastOnce,
            transactional_id: String::new(),
            transaction_timeout_ms: 30_000,
            transaction_batch_ms: 100,
            session_timeout_ms: 45_000,
            max_poll_interval_ms: 300_000,
            statistics_interval_ms: 5_000,
            linger_ms: 5,
            compression: "zstd".into(),
            auto_offset_reset: "earliest".into(),
            properties: BTreeMap::new(),
            sasl_username: String::new(),
            sasl_password: String::new(),
        }
    }
}

/// One topic of the topology.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TopicSettings {
    /// The topic's name.
    pub name: String,
    /// Partitions created by `newsflow topics create` (also the cap on useful
    /// replicas of the stage that reads it).
    pub partitions: i32,
    /// Replication factor used by `newsflow topics create`.
    pub replication_factor: i32,
    /// Wire format written to it: `json` (proto3 canonical JSON) or `protobuf`.
    pub format: WireFormat,
    /// Largest message value written to it, in bytes; a larger output is
    /// refused with the error kind `output_too_large`.
    pub max_message_bytes: usize,
    /// Dead-letter topic for messages read from it; empty means `<name>.dlq`.
    pub dlq: String,
}

impl Default for TopicSettings {
    fn default() -> Self {
        TopicSettings {
            name: String::new(),
            partitions: 6,
            replication_factor: 1,
            format: WireFormat::Json,
            max_message_bytes: 1024 * 1024,
            dlq: String::new(),
        }
    }
}

impl TopicSettings {
    /// The dead-letter topic of this topic.
    pub fn dlq_name(&self) -> String {
        if self.dlq.is_empty() {
            format!("{}.dlq", self.name)
        } else {
            self.dlq.clone()
        }
    }
}

/// Concurrency, retries and shutdown.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuntimeSettings {
    /// Messages processed at once per service instance; a message counts
    /// until its outputs are acknowledged by the broker, so this also bounds
    /// the outputs held in memory.
    pub max_in_flight: usize,
    /// At-least-once mode: messages taken from the consumer but not yet
    /// started (all in-flight places taken) may fill this many places before
    /// fetching pauses; it resumes when half are free.
    pub max_buffered_messages: usize,
    /// …and this many payload bytes. It also caps librdkafka's own
    /// prefetch queue (`queued.max.messages.kbytes`, in both delivery
    /// modes) unless `kafka.properties` sets that.
    pub max_buffered_bytes: usize,
    /// Messages that may wait for a retry without holding an in-flight
    /// place (beyond this, waiting messages keep their place).
    pub max_waiting: usize,
    /// Attempts per message before it is dead-lettered (1 = no retry).
    pub max_attempts: u32,
    /// First retry backoff, ms; doubles per attempt.
    pub backoff_initial_ms: u64,
    /// Longest retry backoff, ms.
    pub backoff_max_ms: u64,
    /// Longest `Retry-After` honoured, seconds.
    pub max_retry_after_secs: u64,
    /// On revocation or SIGTERM: how long in-flight work may take to finish
    /// before it is abandoned (uncommitted), seconds.
    pub drain_timeout_secs: u64,
    /// How often finished offsets are committed, ms.
    pub commit_interval_ms: u64,
}

impl Default for RuntimeSettings {
    fn default() -> Self {
        RuntimeSettings {
            max_in_flight: 64,
            max_buffered_messages: 2048,
            max_buffered_bytes: 32 * 1024 * 1024,
            max_waiting: 256,
            max_attempts: 5,
            backoff_initial_ms: 200,
            backoff_max_ms: 30_000,
            max_retry_after_secs: 120,
            drain_timeout_secs: 20,
            commit_interval_ms: 1_000,
        }
    }
}

impl RuntimeSettings {
    /// The retry policy these settings describe.
    pub fn retry_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.max_attempts,
            initial_backoff: std::time::Duration::from_millis(self.backoff_initial_ms),
            max_backoff: std::time::Duration::from_millis(self.backoff_max_ms),
            max_retry_after: std::time::Duration::from_secs(self.max_retry_after_secs),
        }
    }
}

/// The admin HTTP port.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdminSettings {
    /// Address of `/metrics`, `/healthz` and `/readyz`. Each service has its
    /// own default port (fetch 9471, parse 9472, dedup 9473, enrich 9474).
    pub listen: Option<SocketAddr>,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Pretty,
    /// One JSON object per event (production).
    Json,
}

/// Logging.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    /// `pretty` or `json`.
    pub format: LogFormat,
    /// A tracing filter, e.g. `info` or `info,newsflow_fetch=debug`;
    /// `RUST_LOG` wins when set.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            format: LogFormat::Pretty,
            level: "info".into(),
        }
    }
}

/// Where configuration comes from, besides code defaults and the environment.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// A TOML configuration file.
    #[arg(long, short = 'c', env = "NEWSFLOW_CONFIG")]
    pub config: Option<PathBuf>,
    /// Override one key, e.g. `--set kafka.brokers=10.0.0.1:9092`; repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
}

impl Settings {
    /// Loads defaults → file → environment → overrides, and validates.
    pub fn load(args: &ConfigArgs) -> Result<Settings, ConfigError> {
        Self::load_with(args, Settings::default(), std::env::vars())
    }

    /// [`Settings::load`] with explicit defaults and environment (for tests
    /// and for stages with other defaults).
    pub fn load_with(
        args: &ConfigArgs,
        defaults: Settings,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let mut builder =
            config::Config::builder().add_source(config::Config::try_from(&defaults)?);
        if let Some(path) = &args.config {
            builder = builder
                .add_source(config::File::from(path.as_path()).format(config::FileFormat::Toml));
        }
        let env: config::Map<String, String> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with(&format!("{ENV_PREFIX}__")))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix(ENV_PREFIX)
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .source(Some(env)),
        );
        for item in &args.overrides {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| ConfigError::BadOverride(item.clone()))?;
            builder = builder.set_override(key.trim(), parse_scalar(value.trim()))?;
        }
        let mut settings: Settings = builder.build()?.try_deserialize()?;
        settings.apply_credentials();
        settings.validate()?;
        Ok(settings)
    }

    /// Moves the credentials given as their own keys (from the environment,
    /// typically a Secret) to where the clients read them: the SASL ones
    /// into `kafka.properties`, the Redis password into `store.redis_url`
    /// (unless the URL carries one already).
    fn apply_credentials(&mut self) {
        let kafka = &mut self.kafka;
        if !kafka.sasl_username.is_empty() {
            kafka
                .properties
                .insert("sasl.username".into(), kafka.sasl_username.clone());
        }
        if !kafka.sasl_password.is_empty() {
            kafka
                .properties
                .insert("sasl.password".into(), kafka.sasl_password.clone());
        }
        let store = &mut self.store;
        if !store.redis_password.is_empty() {
            if let Some((scheme, rest)) = store.redis_url.split_once("://") {
                let authority = rest.split('/').next().unwrap_or(rest);
                if !authority.contains('@') {
                    store.redis_url = format!(
                        "{scheme}://:{}@{rest}",
                        percent_encode_userinfo(&store.redis_password)
                    );
                }
            }
        }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, reason: &str| {
            Err(ConfigError::Value {
                key: key.into(),
                reason: reason.into(),
            })
        };
        if self.kafka.brokers.trim().is_empty() {
            return bad("kafka.brokers", "must name at least one broker");
        }
        if !matches!(self.kafka.auto_offset_reset.as_str(), "earliest" | "latest") {
            return bad("kafka.auto_offset_reset", "must be `earliest` or `latest`");
        }
        if !matches!(
            self.kafka.compression.as_str(),
            "zstd" | "lz4" | "snappy" | "gzip" | "none"
        ) {
            return bad(
                "kafka.compression",
                "must be `zstd`, `lz4`, `snappy`, `gzip` or `none`",
            );
        }
        if self.runtime.max_in_flight == 0 {
            return bad("runtime.max_in_flight", "must be at least 1");
        }
        if self.runtime.max_buffered_messages < 2 {
            return bad("runtime.max_buffered_messages", "must be at least 2");
        }
        if self.runtime.max_buffered_bytes < 1024 * 1024 {
            return bad("runtime.max_buffered_bytes", "must be at least 1048576");
        }
        if self.runtime.max_attempts == 0 {
            return bad("runtime.max_attempts", "must be at least 1");
        }
        if self.kafka.transaction_batch_ms == 0 {
            return bad("kafka.transaction_batch_ms", "must be at least 1");
        }
        if self.kafka.transaction_timeout_ms < 1_000 {
            return bad("kafka.transaction_timeout_ms", "must be at least 1000");
        }
        if self.runtime.commit_interval_ms == 0 {
            return bad("runtime.commit_interval_ms", "must be at least 1");
        }
        for (role, topic) in &self.topics {
            if topic.name.trim().is_empty() {
                return bad(&format!("topics.{role}.name"), "must not be empty");
            }
            if topic.partitions < 1 {
                return bad(&format!("topics.{role}.partitions"), "must be at least 1");
            }
            if topic.max_message_bytes < 1024 {
                return bad(
                    &format!("topics.{role}.max_message_bytes"),
                    "must be at least 1024",
                );
            }
        }
        for name in self.stages.keys() {
            if !KNOWN_STAGES.contains(&name.as_str()) {
                return bad(
                    &format!("stages.{name}"),
                    &format!("unknown stage; expected one of {KNOWN_STAGES:?}"),
                );
            }
        }
        Ok(())
    }

    /// The topic of a role, or an error naming the missing key.
    pub fn topic(&self, role: &str) -> Result<&TopicSettings, ConfigError> {
        self.topics.get(role).ok_or_else(|| ConfigError::Value {
            key: format!("topics.{role}"),
            reason: "no such topic role".into(),
        })
    }

    /// The binding of a stage, checked against the topics and the stage's
    /// declared outputs.
    pub fn binding(&self, stage: &str, outputs: &[&str]) -> Result<&Binding, ConfigError> {
        let binding = self.pipeline.get(stage).ok_or_else(|| ConfigError::Value {
            key: format!("pipeline.{stage}"),
            reason: "missing: the stage needs an input and outputs".into(),
        })?;
        self.topic(&binding.input).map_err(|_| ConfigError::Value {
            key: format!("pipeline.{stage}.input"),
            reason: format!("no topic role {:?} in [topics]", binding.input),
        })?;
        for output in outputs {
            let role = binding
                .outputs
                .get(*output)
                .ok_or_else(|| ConfigError::Value {
                    key: format!("pipeline.{stage}.outputs.{output}"),
                    reason: "missing: the stage emits to this output".into(),
                })?;
            self.topic(role).map_err(|_| ConfigError::Value {
                key: format!("pipeline.{stage}.outputs.{output}"),
                reason: format!("no topic role {role:?} in [topics]"),
            })?;
        }
        Ok(binding)
    }

    /// The section `[stages.<name>]` as the stage's own settings type; its
    /// defaults where the section is absent. Unknown keys are refused.
    pub fn stage<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, ConfigError> {
        match self.stages.get(name) {
            None => Ok(T::default()),
            Some(value) => {
                value
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ConfigError::Value {
                        key: format!("stages.{name}"),
                        reason: e.message().to_string(),
                    })
            }
        }
    }

    /// The effective configuration as TOML, with secrets redacted.
    pub fn to_redacted_toml(&self) -> String {
        let mut copy = self.clone();
        for secret in [
            &mut copy.kafka.sasl_password,
            &mut copy.store.redis_password,
        ] {
            if !secret.is_empty() {
                *secret = "<redacted>".into();
            }
        }
        for (key, value) in copy.kafka.properties.iter_mut() {
            if is_secret(key) {
                *value = "<redacted>".into();
            }
        }
        // redis://user:password@host → redis://user:<redacted>@host
        if let Some((scheme_user, rest)) = copy.store.redis_url.split_once('@') {
            if let Some((before, _password)) = scheme_user.rsplit_once(':') {
                if before.contains("//") {
                    copy.store.redis_url = format!("{before}:<redacted>@{rest}");
                }
            }
        }
        toml::to_string_pretty(&copy).unwrap_or_else(|e| format!("# cannot render: {e}"))
    }
}

/// A password as it may stand in a URL's user-info part (RFC 3986).
fn percent_encode_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Stage names that may have a `[stages.<name>]` section.
pub const KNOWN_STAGES: &[&str] = &["fetch", "parse", "dedup", "enrich", "submit"];

fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "secret", "key", "token", "credential"]
        .iter()
        .any(|w| key.contains(w))
}

/// `--set` values: integers, floats and booleans as such, the rest as strings.
fn parse_scalar(value: &str) -> config::Value {
    if let Ok(i) = value.parse::<i64>() {
        return i.into();
    }
    if let Ok(f) = value.parse::<f64>() {
        return f.into();
    }
    match value {
        "true" => true.into(),
        "false" => false.into(),
        _ => value.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn load(
        file: Option<&str>,
        env: &[(&str, &str)],
        sets: &[&str],
    ) -> Result<Settings, ConfigError> {
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        let args = ConfigArgs {
            config: file.map(|text| {
                tmp.write_all(text.as_bytes()).unwrap();
                tmp.path().to_path_buf()
            }),
            overrides: sets.iter().map(|s| s.to_string()).collect(),
        };
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        Settings::load_with(&args, Settings::default(), env)
    }

    #[test]
    fn layers_apply_in_order_defaults_file_env_flags() {
        let s = load(None, &[], &[]).unwrap();
        assert_eq!(s.kafka.brokers, "127.0.0.1:9092");
        assert_eq!(s.topics["pages"].name, "pages");

        let file = "[kafka]\nbrokers = \"file:1\"\n[runtime]\nmax_in_flight = 7\n";
        let s = load(Some(file), &[], &[]).unwrap();
        assert_eq!(
            (s.kafka.brokers.as_str(), s.runtime.max_in_flight),
            ("file:1", 7)
        );

        let env = [
            ("NEWSFLOW__KAFKA__BROKERS", "env:1"),
            ("NEWSFLOW__TOPICS__PAGES__NAME", "p2"),
        ];
        let s = load(Some(file), &env, &[]).unwrap();
        assert_eq!(s.kafka.brokers, "env:1");
        assert_eq!(s.topics["pages"].name, "p2");
        assert_eq!(
            s.topics["pages"].max_message_bytes,
            8 * 1024 * 1024,
            "other keys keep defaults"
        );
        assert_eq!(s.runtime.max_in_flight, 7);

        let s = load(
            Some(file),
            &env,
            &["kafka.brokers=flag:1", "runtime.max_in_flight=9"],
        )
        .unwrap();
        assert_eq!(
            (s.kafka.brokers.as_str(), s.runtime.max_in_flight),
            ("flag:1", 9)
        );
    }

    #[test]
    fn unknown_keys_are_refused_naming_the_key() {
        let err = load(Some("[kafka]\nbrokerz = \"x\"\n"), &[], &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("brokerz"), "{err}");
        let err = load(None, &[("NEWSFLOW__RUNTIME__MAX_INFLIGHT", "3")], &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_inflight"), "{err}");
        let err = load(Some("[stages.fecth]\nx = 1\n"), &[], &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("stages.fecth"), "{err}");
    }

    #[test]
    fn invalid_values_are_refused_naming_the_key() {
        let err = load(None, &[], &["runtime.max_in_flight=0"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("runtime.max_in_flight"), "{err}");
        let err = load(None, &[], &["runtime.max_in_flight=lots"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_in_flight"), "{err}");
        let err = load(Some("[topics.pages]\nformat = \"xml\"\n"), &[], &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("format") || err.contains("xml"), "{err}");
        let err = load(None, &[], &["kafka.compression=brotli"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("kafka.compression"), "{err}");
        assert!(matches!(
            load(None, &[], &["no-equals"]),
            Err(ConfigError::BadOverride(_))
        ));
    }

    #[test]
    fn credentials_from_the_environment_reach_the_clients_and_stay_secret() {
        let s = load(
            None,
            &[
                ("NEWSFLOW__KAFKA__SASL_USERNAME", "svc"),
                ("NEWSFLOW__KAFKA__SASL_PASSWORD", "p@ss:w/rd"),
                ("NEWSFLOW__STORE__REDIS_URL", "rediss://cache:6380/2"),
                ("NEWSFLOW__STORE__REDIS_PASSWORD", "p@ss:w/rd"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(s.kafka.properties["sasl.username"], "svc");
        assert_eq!(s.kafka.properties["sasl.password"], "p@ss:w/rd");
        assert_eq!(s.store.redis_url, "rediss://:p%40ss%3Aw%2Frd@cache:6380/2");
        let text = s.to_redacted_toml();
        assert!(!text.contains("p@ss") && !text.contains("p%40ss"), "{text}");
        // A URL that carries its own password keeps it.
        let s = load(
            None,
            &[
                ("NEWSFLOW__STORE__REDIS_URL", "redis://app:own@cache"),
                ("NEWSFLOW__STORE__REDIS_PASSWORD", "other"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(s.store.redis_url, "redis://app:own@cache");
    }

    #[test]
    fn print_config_redacts_secrets() {
        let s = load(None, &[], &["kafka.properties.sasl.password=hunter2"]);
        // Dotted librdkafka keys need the file form; check both the file form
        // and that nothing secret is printed.
        let file = "[kafka.properties]\n\"sasl.password\" = \"hunter2\"\n\"security.protocol\" = \"SASL_SSL\"\n[store]\nredis_url = \"redis://app:hunter2@cache:6379/0\"\n";
        let s2 = load(Some(file), &[], &[]).unwrap();
        let text = s2.to_redacted_toml();
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("SASL_SSL"), "{text}");
        if let Ok(s) = s {
            assert!(!s.to_redacted_toml().contains("hunter2"));
        }
    }

    #[test]
    fn stage_sections_are_typed_and_strict() {
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        struct Fetch {
            user_agent: String,
        }
        let s = load(Some("[stages.fetch]\nuser_agent = \"ua\"\n"), &[], &[]).unwrap();
        assert_eq!(s.stage::<Fetch>("fetch").unwrap().user_agent, "ua");
        let s = load(Some("[stages.fetch]\nuser_agnt = \"ua\"\n"), &[], &[]).unwrap();
        let err = s.stage::<Fetch>("fetch").unwrap_err().to_string();
        assert!(
            err.contains("stages.fetch") && err.contains("user_agnt"),
            "{err}"
        );
    }
}
