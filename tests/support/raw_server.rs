//! TCP servers on 127.0.0.1 that misbehave below HTTP, for the network-fault tests: one
//! accepts connections and never responds, one responds with bytes that are not HTTP, one sends
//! an HTTP header and then a body that never ends. Each counts the connections it accepted.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the server does with each connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Keeps the connection open without reading or writing a byte.
    Silent,
    /// Writes this many pseudo-random bytes, then closes the connection.
    Garbage(usize),
    /// Writes a `200 OK` header without a length, then pseudo-random bytes until the client
    /// closes the connection.
    EndlessBody,
}

/// A running server. It stops, and closes every connection, when dropped.
pub struct RawServer {
    address: SocketAddr,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Starts a server on 127.0.0.1 with a free port.
    pub async fn start(behaviour: Behaviour) -> std::io::Result<RawServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        let task = tokio::spawn(async move {
            // Silent connections are kept here, open, until the server is dropped.
            let mut silent_connections = Vec::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                match behaviour {
                    Behaviour::Silent => silent_connections.push(stream),
                    Behaviour::Garbage(length) => {
                        tokio::spawn(write_garbage(stream, length));
                    }
                    Behaviour::EndlessBody => {
                        tokio::spawn(write_endless_body(stream));
                    }
                }
            }
        });
        Ok(RawServer {
            address,
            connections,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing `/`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the number of connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Writes pseudo-random bytes in blocks of 64 KiB until `length` bytes are written or the
/// client closes the connection.
async fn write_garbage(mut stream: TcpStream, length: usize) {
    let block = crate::mock_hub::garbage(64 << 10);
    let mut written = 0;
    while written < length {
        let count = block.len().min(length - written);
        if stream.write_all(&block[..count]).await.is_err() {
            return;
        }
        written += count;
    }
    let _ = stream.shutdown().await;
}

async fn write_endless_body(mut stream: TcpStream) {
    let header = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
    if stream.write_all(header).await.is_err() {
        return;
    }
    let block = crate::mock_hub::garbage(64 << 10);
    while stream.write_all(&block).await.is_ok() {}
}
