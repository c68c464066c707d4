//! Running steps and processes with clear progress and failure messages.

use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What went wrong, in which step, and what to do about it.
#[derive(Debug)]
pub struct Failure {
    pub step: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            step: String::new(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "step \"{}\" failed: {}", self.step, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  how to fix: {hint}")?;
        }
        Ok(())
    }
}

/// Runs one named step, printing its name and how long it took.
pub fn step<T>(name: &str, body: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    println!("==> {name}");
    let started = Instant::now();
    let result = body().map_err(|mut failure| {
        if failure.step.is_empty() {
            failure.step = name.to_owned();
        }
        failure
    });
    if result.is_ok() {
        println!("    done in {:.1} s", started.elapsed().as_secs_f64());
    }
    result
}

/// Runs a command with the terminal attached, in the repository root unless
/// the command names its own directory.
pub fn run(command: &mut Command) -> Result<(), Failure> {
    let shown = describe(command);
    if command.get_current_dir().is_none() {
        command.current_dir(crate::root());
    }
    let status = command
        .status()
        .map_err(|e| Failure::new(format!("could not start `{shown}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("`{shown}` exited with {status}")))
    }
}

/// Runs a command quietly and returns its standard output, or `None` if it
/// could not run or failed (used to ask tools for their version).
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(crate::root())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

/// The reference server running in the background; stopped when dropped.
pub struct ServerProcess {
    child: Child,
    pub url: String,
}

impl ServerProcess {
    /// The server's process id (to read its memory from /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Starts the server and waits for the line that names its address.
    pub fn start(binary: &Path, args: &[&str]) -> Result<Self, Failure> {
        let mut child = Command::new(binary)
            .args(args)
            .current_dir(crate::root())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Failure::new(format!("could not start {}: {e}", binary.display())))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(first)) = lines.next() {
                let _ = sender.send(first);
            }
            // Keep draining so the server never blocks on a full pipe.
            for line in lines.map_while(Result::ok) {
                eprintln!("    server: {line}");
            }
        });
        let first = receiver.recv_timeout(Duration::from_secs(180));
        let url = first.ok().and_then(|line| {
            line.split("listening on ")
                .nth(1)
                .map(|u| u.trim().to_owned())
        });
        match url {
            Some(url) => Ok(Self { child, url }),
            None => {
                let _ = child.kill();
                Err(Failure::new("the server did not report its address within 180 s")
                    .hint("run the server by hand to see its error, e.g. `cargo run -p user-admin-server -- --help`"))
            }
        }
    }

    /// Blocks until the server exits (for the demo, on Ctrl-C).
    pub fn wait(mut self) {
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
