//! Installs what the build and the tests need, only where it is missing or at
//! the wrong version. Everything comes from the package registries (crates.io,
//! npm, Debian): nothing is downloaded from anywhere else.

use std::path::Path;
use std::process::Command;

use crate::root;
use crate::step::{output_of, run, step, Failure};

/// Trunk 0.22 needs a newer rustc than these machines have.
const TRUNK_VERSION: &str = "0.21.14";
/// The splitter for the release bundle (build/split.js); 0.2.4 is the first
/// that knows the wasm-bindgen in Cargo.lock.
const WASM_SPLIT_VERSION: &str = "0.2.4";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Everything needed to build the frontend: wasm target, Trunk,
/// wasm-bindgen-cli, the splitter and the npm packages (wasm-opt,
/// Playwright, axe).
pub fn frontend_tools() -> Result<(), Failure> {
    put_tools_on_path();
    wasm_target()?;
    standard_library_source()?;
    trunk()?;
    wasm_bindgen_cli()?;
    wasm_split_cli()?;
    npm_packages()
}

/// Makes tools installed by cargo and npm visible to every child process.
fn put_tools_on_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let mut paths = vec![root().join("node_modules/.bin")];
    paths.extend(cargo_home.map(|home| home.join("bin")));
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    if let Ok(joined) = std::env::join_paths(paths) {
        // Single-threaded at this point: nothing else reads the environment.
        std::env::set_var("PATH", joined);
    }
}

fn wasm_target() -> Result<(), Failure> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("install the wasm32-unknown-unknown target (rustup)", || {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
            .map_err(|f| f.hint("install rustup's stable toolchain, then `rustup target add wasm32-unknown-unknown`"))
    })
}

/// The release bundle compiles the standard library itself (see
/// `release_build_env` in main.rs), from the toolchain's own source.
fn standard_library_source() -> Result<(), Failure> {
    let installed = output_of("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == "rust-src") {
        return Ok(());
    }
    step(
        "install the standard library's source (rustup component add rust-src)",
        || {
            run(Command::new("rustup").args(["component", "add", "rust-src"])).map_err(|f| {
            f.hint("the release build compiles std from the installed toolchain's source; `rustup component add rust-src` fetches it from the same place as the wasm32 target")
        })
        },
    )
}

fn trunk() -> Result<(), Failure> {
    locked_cargo_install("trunk", "trunk", TRUNK_VERSION, "15-20 minutes on 2 cores")
}

/// `wasm-split-cli` has no `--version`: cargo's own list of what it
/// installed tells.
fn wasm_split_cli() -> Result<(), Failure> {
    let package = "wasm_split_cli_support";
    let installed = output_of("cargo", &["install", "--list"]).unwrap_or_default();
    let listed = format!("{package} v{WASM_SPLIT_VERSION}:");
    if installed.lines().any(|line| line.starts_with(&listed))
        && output_of("wasm-split-cli", &["--help"]).is_some()
    {
        return Ok(());
    }
    step(
        &format!(
            "install wasm-split-cli {WASM_SPLIT_VERSION} (cargo install; about 3 minutes, once)"
        ),
        || {
            run(Command::new("cargo").args([
                "install",
                package,
                "--version",
                WASM_SPLIT_VERSION,
                "--locked",
                "--features",
                "build-binary",
            ]))
            .map_err(|f| {
                f.hint(format!(
                    "run `cargo install {package} --version {WASM_SPLIT_VERSION} --locked --features build-binary` by hand"
                ))
            })
        },
    )
}

/// `cargo install NAME --version VERSION --locked` unless `BINARY --version`
/// already says that version.
fn locked_cargo_install(
    name: &str,
    binary: &str,
    version: &str,
    duration: &str,
) -> Result<(), Failure> {
    let installed = output_of(binary, &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    step(
        &format!("install {name} {version} (cargo install; about {duration}, once)"),
        || {
            run(Command::new("cargo").args(["install", name, "--version", version, "--locked"]))
                .map_err(|f| {
                    f.hint(format!(
                        "run `cargo install {name} --version {version} --locked` by hand"
                    ))
                })
        },
    )
}

fn wasm_bindgen_cli() -> Result<(), Failure> {
    let wanted = locked_version("wasm-bindgen")?;
    let installed = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output_of("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    let has = |text: &str| text.split_whitespace().nth(1) == Some(wanted.as_str());
    if has(&installed) && has(&runner) {
        return Ok(());
    }
    step(&format!("install wasm-bindgen-cli {wanted} to match Cargo.lock (cargo install; about 8 minutes, once)"), || {
        // Not --locked: its lockfile names a dependency version the registry copy lacks.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted, "--force"]))
            .map_err(|f| f.hint(format!("run `cargo install wasm-bindgen-cli --version {wanted}` by hand")))
    })
}

/// The version of `package` that Cargo.lock pins.
fn locked_version(package: &str) -> Result<String, Failure> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| Failure::new(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(Failure::new(format!("Cargo.lock names no `{package}`"))
        .hint("run `cargo generate-lockfile`"))
}

/// The repository's npm packages (wasm-opt from binaryen, terser, Playwright, axe-core).
fn npm_packages() -> Result<(), Failure> {
    npm_packages_in(
        &root(),
        "install npm packages (wasm-opt from binaryen, terser, Playwright, axe-core)",
    )
}

/// `npm ci` in `dir` when its node_modules is missing or older than its
/// package-lock.json.
pub fn npm_packages_in(dir: &Path, what: &str) -> Result<(), Failure> {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if let (Some(lock_time), Some(installed_time)) = (modified(&lock), modified(&installed)) {
        if installed_time >= lock_time {
            return Ok(());
        }
    }
    step(what, || {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir))
        .map_err(|f| {
            f.hint(format!(
                "install Node.js 20 with npm, then run `npm ci` in {}",
                dir.display()
            ))
        })
    })
}

/// The geckodriver the Firefox suite drives Firefox ESR with.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// What the browser suites need from Debian, by the file each package gives.
const BROWSER_PACKAGES: &[(&str, &str)] = &[
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    ("/usr/bin/firefox-esr", "firefox-esr"),
    ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    ("/usr/bin/xvfb-run", "xvfb"),
    ("/usr/bin/xauth", "xauth"),
];

/// The three engines: Debian's Chromium and ChromeDriver (Playwright uses
/// this Chromium; it never downloads a browser of its own), Firefox ESR,
/// WebKitGTK's WebDriver with Xvfb for it, and geckodriver from crates.io.
pub fn browser() -> Result<(), Failure> {
    debian_browsers()?;
    geckodriver()
}

fn debian_browsers() -> Result<(), Failure> {
    let missing: Vec<&str> = BROWSER_PACKAGES
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if !(is_root && has_apt) {
        return Err(Failure {
            step: "find the browsers and their drivers".into(),
            message: format!("the browser suites need these Debian packages: {}", missing.join(" ")),
            hint: Some(format!(
                "as root on Debian: `apt-get update && apt-get install -y --no-install-recommends {}`",
                missing.join(" ")
            )),
        });
    }
    step(&format!("install {} (apt-get)", missing.join(", ")), || {
        run(Command::new("apt-get").arg("update"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"))
    })
}

fn geckodriver() -> Result<(), Failure> {
    locked_cargo_install(
        "geckodriver",
        "geckodriver",
        GECKODRIVER_VERSION,
        "4 minutes",
    )
}
