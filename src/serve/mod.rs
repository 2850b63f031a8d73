//! `readcast serve`: the show folder over HTTP, so a podcast app on the same network can
//! subscribe to its feed.
//!
//! A small server on `std::net` with a fixed pool of worker threads, which bounds the open
//! connections: requests are parsed by `httparse`, answered from files streamed in pieces (a
//! file is never read whole into memory), with byte ranges (206, 416), HEAD, ETag and
//! Last-Modified (304), and content types for what a show folder holds. Only files under the
//! folder are served: no listings, no `..` (encoded or not), no symbolic link that leads out.
//! Ctrl-C stops accepting, lets the answers under way finish, and ends the run cleanly.

mod files;
mod range;
mod request;
mod respond;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

pub use files::{content_type, resolve};
pub use range::{ByteRange, parse_range};

/// Connections answered at once; more wait in a queue of [`QUEUE`], and beyond it are refused.
pub const WORKERS: usize = 16;
const QUEUE: usize = 64;
/// How long a connection may stay silent (a slow or idle client) before it is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// Requests answered on one kept-alive connection at most.
const MAX_REQUESTS_PER_CONNECTION: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    #[error("cannot serve {path}: {reason}")]
    Root { path: PathBuf, reason: String },
}

/// Bind `addr`; the one line for a port in use says so.
pub fn bind(addr: &str) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr).map_err(|e| ServeError::Bind {
        addr: addr.to_string(),
        reason: match e.kind() {
            std::io::ErrorKind::AddrInUse => "the port is already in use (pick another with --addr)".into(),
            _ => e.to_string(),
        },
    })
}

/// Serve `root` on `listener` until a stop is requested (Ctrl-C, SIGTERM).
pub fn serve(listener: TcpListener, root: &Path) -> Result<(), ServeError> {
    let root = root.canonicalize().map_err(|e| ServeError::Root { path: root.to_path_buf(), reason: e.to_string() })?;
    listener.set_nonblocking(true).map_err(|e| ServeError::Root { path: root.clone(), reason: e.to_string() })?;
    let (sender, receiver) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            let receiver = receiver.clone();
            let root = &root;
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next connection, never while answering.
                    let next = receiver.lock().map_err(drop).and_then(|r| r.recv().map_err(drop));
                    let Ok(stream) = next else { break };
                    respond::connection(stream, root, MAX_REQUESTS_PER_CONNECTION);
                }
            });
        }
        accept_until_stopped(&listener, &sender);
        drop(sender);
    });
    Ok(())
}

fn accept_until_stopped(listener: &TcpListener, sender: &mpsc::SyncSender<TcpStream>) {
    while crate::cancel::requested().is_none() {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
                let _ = stream.set_write_timeout(Some(IDLE_TIMEOUT));
                if let Err(mpsc::TrySendError::Full(stream)) = sender.try_send(stream) {
                    respond::busy(stream);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The address a phone would use: the one bound, or for 0.0.0.0 the machine's address on the
/// network it reaches first (no packet is sent: a UDP socket is only pointed at a private address).
pub fn reachable_addr(bound: SocketAddr) -> SocketAddr {
    if !bound.ip().is_unspecified() {
        return bound;
    }
    let local = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.168.0.1:9").map(|()| s))
        .and_then(|s| s.local_addr());
    match local {
        Ok(addr) => SocketAddr::new(addr.ip(), bound.port()),
        Err(_) => bound,
    }
}
