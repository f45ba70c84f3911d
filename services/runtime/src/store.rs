//! The shared store: state that must outlive a process and be the same for
//! every replica (fetch validators today; dedup state later). Redis (or
//! Valkey) when several replicas run, an in-process map in embedded mode,
//! behind one trait. Every entry expires.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;

/// A store operation failed. Always transient from the caller's view: the
/// store may be back in a moment.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store could not be reached or answered with an error.
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

/// A key-value store with expiry.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// The value of `key`, if present and not expired.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Sets `key` to `value` for `ttl`.
    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<(), StoreError>;
}

/// `[store]`: which store the services share.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreSettings {
    /// `memory` (one process only) or `redis`.
    pub kind: StoreKind,
    /// Redis URL (`redis://host:port/db`, `rediss://` for TLS, credentials
    /// in the URL are redacted by `--print-config`).
    pub redis_url: String,
    /// Redis password, put into `redis_url` when the URL has none. Meant
    /// for the environment (`NEWSFLOW__STORE__REDIS_PASSWORD`, e.g. from a
    /// Kubernetes Secret); redacted by `--print-config`.
    pub redis_password: String,
    /// Prefix of every key, so several deployments can share one Redis.
    pub key_prefix: String,
    /// Entries kept at most by the memory store.
    pub memory_entries: usize,
}

/// Store implementations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// In-process; state is lost on restart and not shared.
    #[default]
    Memory,
    /// Redis or Valkey.
    Redis,
}

impl Default for StoreSettings {
    fn default() -> Self {
        StoreSettings {
            kind: StoreKind::Memory,
            redis_url: "redis://127.0.0.1:6379".into(),
            redis_password: String::new(),
            key_prefix: "newsflow:".into(),
            memory_entries: 1_000_000,
        }
    }
}

/// Builds the configured store (Redis connects lazily, on first use).
pub fn from_settings(settings: &StoreSettings) -> Result<std::sync::Arc<dyn Store>, StoreError> {
    Ok(match settings.kind {
        StoreKind::Memory => std::sync::Arc::new(MemoryStore::new(settings.memory_entries)),
        StoreKind::Redis => {
            std::sync::Arc::new(RedisStore::new(&settings.redis_url, &settings.key_prefix)?)
        }
    })
}

/// The in-process store.
#[derive(Debug)]
pub struct MemoryStore {
    capacity: usize,
    entries: Mutex<HashMap<String, (Vec<u8>, Instant)>>,
}

impl MemoryStore {
    /// A store holding at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        MemoryStore {
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait::async_trait]
impl Store for MemoryStore {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        Ok(entries
            .get(key)
            .filter(|(_, expires)| *expires > Instant::now())
            .map(|(v, _)| v.clone()))
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<(), StoreError> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(key) {
            let now = Instant::now();
            entries.retain(|_, (_, expires)| *expires > now);
            if entries.len() >= self.capacity {
                // Still full: drop the entry closest to expiry.
                if let Some(k) = entries
                    .iter()
                    .min_by_key(|(_, (_, e))| *e)
                    .map(|(k, _)| k.clone())
                {
                    entries.remove(&k);
                }
            }
        }
        entries.insert(key.to_string(), (value.to_vec(), Instant::now() + ttl));
        Ok(())
    }
}

/// A reconnecting connection to Redis, bounded: a Redis that is down is an
/// error within seconds (`retries` attempts), not a hang; once connected,
/// the manager reconnects by itself.
pub async fn connect_redis(
    client: &redis::Client,
    retries: usize,
) -> Result<redis::aio::ConnectionManager, redis::RedisError> {
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_number_of_retries(retries)
        .set_max_delay(1_000)
        .set_connection_timeout(Duration::from_secs(2))
        .set_response_timeout(Duration::from_secs(5));
    redis::aio::ConnectionManager::new_with_config(client.clone(), config).await
}

/// Redis (or Valkey) through a reconnecting connection manager.
pub struct RedisStore {
    client: redis::Client,
    prefix: String,
    connection: OnceCell<redis::aio::ConnectionManager>,
}

impl RedisStore {
    /// A store on `url`; nothing is connected until first use.
    pub fn new(url: &str, prefix: &str) -> Result<Self, StoreError> {
        let client =
            redis::Client::open(url).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        Ok(RedisStore {
            client,
            prefix: prefix.to_string(),
            connection: OnceCell::new(),
        })
    }

    async fn connection(&self) -> Result<redis::aio::ConnectionManager, StoreError> {
        self.connection
            .get_or_try_init(|| connect_redis(&self.client, 2))
            .await
            .cloned()
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }
}

#[async_trait::async_trait]
impl Store for RedisStore {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut c = self.connection().await?;
        redis::cmd("GET")
            .arg(format!("{}{key}", self.prefix))
            .query_async(&mut c)
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    async fn set(&self, key: &str, value: &[u8], ttl: Duration) -> Result<(), StoreError> {
        let mut c = self.connection().await?;
        redis::cmd("SET")
            .arg(format!("{}{key}", self.prefix))
            .arg(value)
            .arg("PX")
            .arg(ttl.as_millis().max(1) as u64)
            .query_async::<()>(&mut c)
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_entries_expire_and_capacity_is_bounded() {
        let store = MemoryStore::new(2);
        store.set("a", b"1", Duration::from_secs(60)).await.unwrap();
        assert_eq!(store.get("a").await.unwrap().as_deref(), Some(&b"1"[..]));
        store.set("gone", b"x", Duration::ZERO).await.unwrap();
        assert_eq!(store.get("gone").await.unwrap(), None);
        store.set("b", b"2", Duration::from_secs(30)).await.unwrap();
        store.set("c", b"3", Duration::from_secs(90)).await.unwrap();
        assert_eq!(store.entries.lock().unwrap().len(), 2);
        assert_eq!(store.get("c").await.unwrap().as_deref(), Some(&b"3"[..]));
    }
}
