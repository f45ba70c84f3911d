//! Integration tests of the runtime against the real services of the local
//! stack: the Kafka transport on a broker, the Redis store on Redis.

mod kafka;
mod redis_store;
mod transactional;
