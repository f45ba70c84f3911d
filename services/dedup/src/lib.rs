//! The dedup stage (`articles.parsed` → `articles.unique` and
//! `articles.duplicates`): keeps the output free of copies while staying
//! stateless — its state lives in a shared [`index::Index`] (Redis for
//! services, memory when embedded), so any number of replicas agree.
//!
//! Decisions, recorded on the Article's `dedup` field with method and score
//! ([`decide`]): exact URL duplicate (the canonical URL with the same
//! content), a new version of a URL (changed content: unique, with `version`
//! and `previousVersion`), exact content duplicate (normalised text hash),
//! near-duplicate (MinHash-LSH over 5-word shingles, by estimated
//! containment, so truncated and re-wrapped copies match), and same story
//! (`storyId` from headline-and-lead similarity, not a duplicate).

pub mod decide;
pub mod index;
pub mod metrics;
pub mod redis_index;
mod stage;
pub mod text;

pub use decide::DedupSettings;
pub use stage::{DedupStage, ADMIN_PORT};
