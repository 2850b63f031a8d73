//! A real `nats-server` for the farm's tests: on 127.0.0.1, a free port, its own store folder,
//! stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct NatsServer {
    child: Child,
    pub url: String,
    _store: tempfile::TempDir,
}

impl NatsServer {
    /// A server with JetStream.
    pub fn start() -> NatsServer {
        NatsServer::with_args(&["-js"])
    }

    /// A server with these extra arguments (`-js` for JetStream, `--user`/`--pass`, ...).
    pub fn with_args(extra: &[&str]) -> NatsServer {
        NatsServer::on_port(free_port(), extra)
    }

    /// A server on `port`. Tests run in parallel: when another test's server took the port
    /// first, this one exits, and it is started again on another port (a cluster's member keeps
    /// its port, which its peers already know).
    fn on_port(port: u16, extra: &[&str]) -> NatsServer {
        let mut port = port;
        for _ in 0..5 {
            let store = tempfile::tempdir().expect("store folder");
            // Its own words on why it stopped, for the panic below.
            let log_path = store.path().join("server.log");
            let log = std::fs::File::create(&log_path).expect("server log");
            let mut child = Command::new("nats-server")
                .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
                .arg(store.path())
                .args(extra)
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("nats-server is not installed: run scripts/install-deps.sh (the test set)");
            wait_for_port(port, &mut child, &log_path);
            // Listening, but is it ours? A server that lost the port exits at once.
            std::thread::sleep(Duration::from_millis(200));
            if child.try_wait().expect("nats-server status").is_none() {
                return NatsServer { child, url: format!("nats://127.0.0.1:{port}"), _store: store };
            }
            port = free_port();
        }
        panic!("nats-server did not start on a free port in 5 attempts");
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port()
}

fn wait_for_port(port: u16, child: &mut Child, log: &Path) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        let exited = child.try_wait().expect("nats-server status").is_some();
        if exited || start.elapsed() > Duration::from_secs(10) {
            let said = std::fs::read_to_string(log).unwrap_or_default();
            panic!("nats-server did not start on port {port}: {said}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A worker process, killed when dropped: a failing test leaves no worker behind polling a
/// server that is gone.
pub struct WorkerProcess(pub Child);

impl std::ops::Deref for WorkerProcess {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for WorkerProcess {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A readcast worker process on `url`, its stderr in `<dir>/<name>.log`, its own cache folder
/// `<dir>/<name>-cache`.
pub fn start_worker(url: &str, dir: &Path, name: &str, extra: &[&str]) -> WorkerProcess {
    let log = std::fs::File::create(dir.join(format!("{name}.log"))).expect("worker log");
    super::readcast()
        .args(["worker", "--nats", url, "--name", name, "--cache-dir"])
        .arg(dir.join(format!("{name}-cache")))
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map(WorkerProcess)
        .expect("start worker")
}

pub fn worker_log(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default()
}

/// Three `nats-server -js` routed into one cluster on loopback ports; `url` lists all three.
pub struct NatsCluster {
    pub servers: Vec<NatsServer>,
    pub url: String,
}

impl NatsCluster {
    pub fn start() -> NatsCluster {
        let routes: Vec<u16> = (0..3).map(|_| free_port()).collect();
        let route_list = routes.iter().map(|p| format!("nats://127.0.0.1:{p}")).collect::<Vec<_>>().join(",");
        let servers: Vec<NatsServer> = routes
            .iter()
            .enumerate()
            .map(|(i, route)| {
                let name = format!("n{i}");
                let own = format!("nats://127.0.0.1:{route}");
                NatsServer::with_args(&[
                    "-js",
                    "-n",
                    &name,
                    "--cluster_name",
                    "readcast-test",
                    "--cluster",
                    &own,
                    "--routes",
                    &route_list,
                ])
            })
            .collect();
        let url = servers.iter().map(|s| s.url.as_str()).collect::<Vec<_>>().join(",");
        NatsCluster { servers, url }
    }
}

/// A server that speaks only TLS, its certificate issued for 127.0.0.1 by a CA made here with
/// the `openssl` command; returns it with the CA's certificate (`ca.pem` in `dir`), which a
/// client must trust (`SSL_CERT_FILE`) to reach it.
pub fn start_tls(dir: &Path) -> (NatsServer, std::path::PathBuf) {
    let path = |name: &str| dir.join(name).to_str().expect("a UTF-8 path").to_string();
    let (ca_key, ca, key, request, cert) =
        (path("ca.key"), path("ca.pem"), path("server.key"), path("server.csr"), path("server.pem"));
    let names = path("names.ext");
    std::fs::write(&names, "subjectAltName=IP:127.0.0.1\n").expect("write the certificate's names");
    let steps: [&[&str]; 3] = [
        &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &ca_key, "-out", &ca, "-days", "1"],
        &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &request, "-subj", "/CN=127.0.0.1"],
        &["x509", "-req", "-in", &request, "-CA", &ca, "-CAkey", &ca_key, "-CAcreateserial", "-out", &cert],
    ];
    for (i, args) in steps.iter().enumerate() {
        let mut command = Command::new("openssl");
        command.args(*args);
        match i {
            0 => command.args(["-subj", "/CN=readcast test CA"]),
            2 => command.args(["-days", "1", "-extfile", &names]),
            _ => &mut command,
        };
        let out = command.stdin(Stdio::null()).output().expect("openssl is not installed");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let server = NatsServer::with_args(&["-js", "--tls", "--tlscert", &cert, "--tlskey", &key]);
    (server, dir.join("ca.pem"))
}
