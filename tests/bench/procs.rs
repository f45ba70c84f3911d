//! The measured processes: start, CPU time and peak memory from `/proc`,
//! an optional `perf record` beside them, and a clean stop.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::chaos::fleet::{signal, terminate};

/// One running service replica.
pub struct Service {
    /// `<stage>-<replica>`.
    pub name: String,
    child: Child,
}

impl Service {
    /// Starts `command` with its stderr in `log`.
    pub fn start(name: String, mut command: Command, log: &Path) -> std::io::Result<Service> {
        let child = command
            .stdout(Stdio::null())
            .stderr(File::create(log)?)
            .spawn()
            .map_err(|e| std::io::Error::other(format!("{name}: {e}")))?;
        Ok(Service { name, child })
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// CPU seconds (user + system) used so far, all threads.
    pub fn cpu_seconds(&self) -> f64 {
        cpu_seconds(self.pid())
    }

    /// Peak resident memory in MB (`VmHWM`).
    pub fn peak_rss_mb(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0)
    }

    /// Whether it exited (a crash during a run).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// SIGTERM, then SIGKILL if it has not gone within 30 s.
    pub fn stop(mut self) {
        terminate(&mut self.child, Duration::from_secs(30));
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// utime + stime of a process from `/proc/<pid>/stat` (clock ticks of 1/100 s).
fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The command name may hold spaces; the fields after it are fixed.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // After ")": state is field 3 of stat(5), so utime (14) is index 11.
    (ticks(11) + ticks(12)) / 100.0
}

/// A `perf record` of some processes, turned into a text summary when done.
pub struct Profile {
    child: Child,
    data: PathBuf,
}

impl Profile {
    /// Samples `pids` at 499 Hz into `data`; `None` when perf cannot run.
    pub fn start(pids: &[u32], data: &Path) -> Option<Profile> {
        let list: Vec<String> = pids.iter().map(u32::to_string).collect();
        let child = Command::new("perf")
            .args(["record", "-q", "-F", "499", "-g", "-o"])
            .arg(data)
            .args(["-p", &list.join(",")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        Some(Profile {
            child,
            data: data.to_path_buf(),
        })
    }

    /// Stops sampling and writes the flat profile (self time by function,
    /// functions above 0.5 %) to `summary`.
    pub fn finish(mut self, summary: &Path, title: &str) -> std::io::Result<()> {
        signal(Some(self.child.id()), "INT");
        let _ = self.child.wait();
        let report = Command::new("perf")
            .args(["report", "--stdio", "--no-children", "-g", "none"])
            .args(["--percent-limit", "0.5", "--sort", "dso,symbol", "-i"])
            .arg(&self.data)
            .stderr(Stdio::null())
            .output()?;
        let text = String::from_utf8_lossy(&report.stdout);
        // perf pads every row with empty sort columns ("-  -"): cut them.
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.trim_end_matches([' ', '-']))
            .collect();
        std::fs::write(
            summary,
            format!(
                "# {title}\n# perf record -F 499 -g; perf report --no-children --sort dso,symbol --percent-limit 0.5\n{}\n",
                lines.join("\n")
            ),
        )?;
        let _ = std::fs::remove_file(&self.data);
        Ok(())
    }
}
