//! The dedup state in Redis: one Lua script per article does the
//! check-and-insert atomically (Redis runs a script to completion before
//! any other command), so any number of replicas agree.
//!
//! Keys (under the configured prefix): `seq` (counter), `m:<fingerprint>`
//! (`<seq>|<member JSON>`), and sorted sets scored by sequence number:
//! `u:<canonical URL>`, `c:<content hash>`, `b:<band>`, `s:<story band>`.
//! The script reads member keys it derives from set contents, so it needs a
//! single Redis (or Valkey) node, not Redis Cluster.

use std::time::Duration;

use redis::aio::ConnectionManager;
use tokio::sync::OnceCell;

use crate::index::{merge, Entry, Index, IndexError, Member, Seen, MAX_PER_KEY};

const SCRIPT: &str = r#"
local existing = redis.call('GET', KEYS[2])
local seq
local replay = 0
if existing then
  seq = tonumber(string.match(existing, '^(%d+)|'))
  replay = 1
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
else
  seq = redis.call('INCR', KEYS[1])
  redis.call('SET', KEYS[2], seq .. '|' .. ARGV[1], 'PX', ARGV[2])
end
-- Each earlier member is read and sent once, however many keys name it
-- (near-duplicates share most bands): {seq, replay, members, lists}, where
-- a list holds 1-based positions in members.
local members = {}
local position = {}
local lists = {}
for i = 3, #KEYS do
  if replay == 0 then
    redis.call('ZADD', KEYS[i], seq, ARGV[4])
  end
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
  local fps = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', '(' .. seq, 'LIMIT', 0, tonumber(ARGV[5]))
  local list = {}
  for _, fp in ipairs(fps) do
    local at = position[fp]
    if at == nil then
      local m = redis.call('GET', ARGV[3] .. fp)
      if m then
        table.insert(members, m)
        at = #members
      else
        at = false
      end
      position[fp] = at
    end
    if at then table.insert(list, at) end
  end
  table.insert(lists, list)
end
return {seq, replay, members, lists}
"#;

/// The Redis-backed index.
pub struct RedisIndex {
    client: redis::Client,
    prefix: String,
    script: redis::Script,
    connection: OnceCell<ConnectionManager>,
}

impl RedisIndex {
    /// An index on `url` with keys under `prefix`; connects on first use.
    pub fn new(url: &str, prefix: &str) -> Result<Self, IndexError> {
        Ok(RedisIndex {
            client: redis::Client::open(url).map_err(|e| IndexError::Unavailable(e.to_string()))?,
            prefix: format!("{prefix}dedup:"),
            script: redis::Script::new(SCRIPT),
            connection: OnceCell::new(),
        })
    }

    async fn connection(&self) -> Result<ConnectionManager, IndexError> {
        self.connection
            .get_or_try_init(|| newsflow_runtime::store::connect_redis(&self.client, 1))
            .await
            .cloned()
            .map_err(|e| IndexError::Unavailable(e.to_string()))
    }
}

fn parse_member(raw: &str) -> Result<Member, IndexError> {
    let (seq, json) = raw
        .split_once('|')
        .ok_or_else(|| IndexError::Corrupt(format!("member without sequence: {raw:.40}")))?;
    let mut m: Member =
        serde_json::from_str(json).map_err(|e| IndexError::Corrupt(e.to_string()))?;
    m.seq = seq
        .parse()
        .map_err(|_| IndexError::Corrupt(format!("bad sequence {seq:?}")))?;
    Ok(m)
}

#[async_trait::async_trait]
impl Index for RedisIndex {
    async fn register(&self, entry: &Entry, ttl: Duration) -> Result<Seen, IndexError> {
        let p = &self.prefix;
        let member = serde_json::to_string(&Member {
            seq: 0,
            ..entry.member.clone()
        })
        .map_err(|e| IndexError::Corrupt(e.to_string()))?;
        let mut invocation = self.script.prepare_invoke();
        invocation
            .key(format!("{p}seq"))
            .key(format!("{p}m:{}", entry.member.fingerprint))
            .key(format!("{p}u:{}", entry.url));
        if let Some(c) = &entry.content {
            invocation.key(format!("{p}c:{c}"));
        }
        for b in &entry.bands {
            invocation.key(format!("{p}b:{b}"));
        }
        for b in &entry.story_bands {
            invocation.key(format!("{p}s:{b}"));
        }
        invocation
            .arg(member)
            .arg(ttl.as_millis().max(1) as u64)
            .arg(format!("{p}m:"))
            .arg(&entry.member.fingerprint)
            .arg(MAX_PER_KEY);
        let mut c = self.connection().await?;
        type Reply = (u64, u8, Vec<String>, Vec<Vec<usize>>);
        let (seq, replay, raw, lists): Reply = invocation
            .invoke_async(&mut c)
            .await
            .map_err(|e| IndexError::Unavailable(e.to_string()))?;
        let members = raw
            .iter()
            .map(|m| parse_member(m))
            .collect::<Result<Vec<_>, _>>()?;
        let mut lists = lists.into_iter().map(|l| {
            l.iter()
                .map(|at| {
                    at.checked_sub(1)
                        .and_then(|i| members.get(i))
                        .cloned()
                        .ok_or_else(|| IndexError::Corrupt(format!("no member at {at}")))
                })
                .collect::<Result<Vec<_>, _>>()
        });
        let mut next = || lists.next().transpose().map(Option::unwrap_or_default);
        let same_url = next()?;
        let same_content = if entry.content.is_some() {
            next()?
        } else {
            Vec::new()
        };
        let mut band_lists = Vec::new();
        for _ in &entry.bands {
            band_lists.push(next()?);
        }
        let mut story_lists = Vec::new();
        for _ in &entry.story_bands {
            story_lists.push(next()?);
        }
        Ok(Seen {
            seq,
            replay: replay == 1,
            same_url,
            same_content,
            near: merge(band_lists.into_iter()),
            story: merge(story_lists.into_iter()),
        })
    }
}
