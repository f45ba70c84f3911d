//! The stage processes of a chaos run: spawn, SIGKILL and restart, SIGSTOP
//! and SIGCONT, add and remove replicas. A replica keeps its slot number
//! across restarts, and with it its transactional id, so a restarted
//! replica fences its killed predecessor at once.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::free_port;

/// The four stages and their binaries.
pub const STAGES: [(&str, &str); 4] = [
    ("fetch", "newsflow-fetch"),
    ("parse", "newsflow-parse"),
    ("dedup", "newsflow-dedup"),
    ("enrich", "newsflow-enrich"),
];

/// One replica slot of one stage.
pub struct Replica {
    /// The stage it runs.
    pub stage: &'static str,
    /// Its number among the stage's replicas (kept across restarts).
    pub slot: usize,
    child: Option<Child>,
    /// Whether it is frozen (SIGSTOP).
    pub paused: bool,
    /// Times this slot was started (names its log files).
    starts: usize,
}

impl Replica {
    /// Whether a process runs in this slot.
    pub fn running(&self) -> bool {
        self.child.is_some()
    }

    fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }
}

/// Every replica of the run, live or waiting for a restart.
pub struct Fleet {
    /// Every slot so far.
    pub replicas: Vec<Replica>,
    bin_dir: PathBuf,
    log_dir: PathBuf,
    run: String,
    env: Vec<(String, String)>,
    /// Give each slot a `group.instance.id` (static membership).
    pub static_membership: bool,
}

impl Fleet {
    /// A fleet with no process yet; `env` is what every service gets.
    pub fn new(bin_dir: &Path, log_dir: &Path, run: &str, env: Vec<(String, String)>) -> Fleet {
        Fleet {
            replicas: Vec::new(),
            bin_dir: bin_dir.to_path_buf(),
            log_dir: log_dir.to_path_buf(),
            run: run.to_string(),
            env,
            static_membership: false,
        }
    }

    /// Adds a replica of `stage` in a new slot and starts it.
    pub fn add(&mut self, stage: &'static str) -> std::io::Result<usize> {
        let slot = self.replicas.iter().filter(|r| r.stage == stage).count();
        self.replicas.push(Replica {
            stage,
            slot,
            child: None,
            paused: false,
            starts: 0,
        });
        let index = self.replicas.len() - 1;
        self.start(index)?;
        Ok(index)
    }

    /// Starts the process of a slot that has none.
    pub fn start(&mut self, index: usize) -> std::io::Result<()> {
        let replica = &mut self.replicas[index];
        if replica.child.is_some() {
            return Ok(());
        }
        let binary = STAGES
            .iter()
            .find(|(s, _)| *s == replica.stage)
            .map(|(_, b)| self.bin_dir.join(b))
            .expect("known stage");
        replica.starts += 1;
        let log = File::create(self.log_dir.join(format!(
            "{}-{}.{}.log",
            replica.stage, replica.slot, replica.starts
        )))?;
        let mut command = Command::new(&binary);
        if self.static_membership {
            command.env(
                "NEWSFLOW__KAFKA__GROUP_INSTANCE_ID",
                format!("{}-{}-{}", self.run, replica.stage, replica.slot),
            );
        }
        let child = command
            .envs(self.env.iter().cloned())
            .env(
                "NEWSFLOW__KAFKA__GROUP_ID",
                format!("{}-{}", self.run, replica.stage),
            )
            .env(
                "NEWSFLOW__KAFKA__TRANSACTIONAL_ID",
                format!("{}-{}-{}", self.run, replica.stage, replica.slot),
            )
            .env(
                "NEWSFLOW__ADMIN__LISTEN",
                format!("127.0.0.1:{}", free_port()),
            )
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| std::io::Error::other(format!("{}: {e}", binary.display())))?;
        replica.child = Some(child);
        replica.paused = false;
        Ok(())
    }

    /// SIGKILL: the process dies mid-work, the slot waits for a restart.
    pub fn kill(&mut self, index: usize) {
        let replica = &mut self.replicas[index];
        if let Some(mut child) = replica.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        replica.paused = false;
    }

    /// SIGTERM and wait: the replica drains and leaves (scale in).
    pub fn stop(&mut self, index: usize) {
        let replica = &mut self.replicas[index];
        if replica.paused {
            signal(replica.pid(), "CONT");
        }
        if let Some(mut child) = replica.child.take() {
            // The drain deadline bounds this; SIGKILL if it is overrun.
            terminate(&mut child, std::time::Duration::from_secs(40));
        }
        replica.paused = false;
    }

    /// SIGSTOP (a frozen replica, e.g. a long GC pause or a stalled VM).
    pub fn pause(&mut self, index: usize) {
        let replica = &mut self.replicas[index];
        if replica.child.is_some() && !replica.paused {
            signal(replica.pid(), "STOP");
            replica.paused = true;
        }
    }

    /// SIGCONT.
    pub fn resume(&mut self, index: usize) {
        let replica = &mut self.replicas[index];
        if replica.paused {
            signal(replica.pid(), "CONT");
            replica.paused = false;
        }
    }

    /// Indices of replicas that run and are not paused, optionally of one stage.
    pub fn live(&self, stage: Option<&str>) -> Vec<usize> {
        self.replicas
            .iter()
            .enumerate()
            .filter(|(_, r)| r.running() && !r.paused && stage.is_none_or(|s| s == r.stage))
            .map(|(i, _)| i)
            .collect()
    }

    /// Replicas whose process exited on its own (a crash, not a kill).
    pub fn exited(&mut self) -> Vec<(usize, String)> {
        let mut gone = Vec::new();
        for (i, r) in self.replicas.iter_mut().enumerate() {
            if let Some(child) = &mut r.child {
                if let Ok(Some(status)) = child.try_wait() {
                    gone.push((i, format!("{}-{} exited with {status}", r.stage, r.slot)));
                    r.child = None;
                }
            }
        }
        gone
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        for i in 0..self.replicas.len() {
            self.resume(i);
            self.kill(i);
        }
    }
}

/// SIGTERM, wait up to `grace` for the process to exit, then SIGKILL.
pub fn terminate(child: &mut Child, grace: std::time::Duration) {
    signal(Some(child.id()), "TERM");
    let deadline = std::time::Instant::now() + grace;
    while std::time::Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Sends a signal with kill(1); a process already gone is not an error.
pub fn signal(pid: Option<u32>, name: &str) {
    if let Some(pid) = pid {
        let _ = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
