//! Virus scan of the files people join (documents, message attachments) through ClamAV's daemon
//! (`clamd`, INSTREAM command), as the file arrives: an infected file is refused and never kept.
//!
//! When clamd cannot be reached, [`WhenDown`] decides (`ANEF_SCAN_WHEN_DOWN`): refuse the file
//! (the applicant tries again later, nothing is lost), or keep it held from agents until a
//! later scan (`rescan_held`, run by the job worker) clears it.

pub mod held;

use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// clamd's default `StreamMaxLength` is 25 MB; our files are at most 10 MB, sent in pieces
/// under this size.
const PIECE: usize = 64 * 1024;
/// How long clamd may take to answer (connecting, and the verdict after the last piece).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClamdAddress {
    Tcp(String),
    Unix(PathBuf),
}

impl ClamdAddress {
    /// `tcp://127.0.0.1:3310` or `unix:/run/clamav/clamd.ctl`.
    pub fn parse(value: &str) -> Option<Self> {
        if let Some(address) = value.strip_prefix("tcp://") {
            return (!address.is_empty()).then(|| ClamdAddress::Tcp(address.trim_end_matches('/').to_owned()));
        }
        let path = value.strip_prefix("unix:")?;
        (!path.is_empty()).then(|| ClamdAddress::Unix(PathBuf::from(path)))
    }
}

/// What to do with a file when clamd cannot be reached: a policy choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WhenDown {
    /// Refuse it with a message to try again shortly (the default: nothing unscanned is kept).
    #[default]
    Refuse,
    /// Keep it, held from agents until a scan clears it.
    Hold,
}

#[derive(Clone, Debug, Default)]
pub struct Scanner {
    /// `None`: no scanning (development without clamd; production requires it).
    pub clamd: Option<ClamdAddress>,
    pub when_down: WhenDown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The name of the signature found.
    Infected(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("clamd unreachable or failing: {0}")]
    Unavailable(String),
}

impl From<std::io::Error> for ScanError {
    fn from(error: std::io::Error) -> Self {
        ScanError::Unavailable(error.to_string())
    }
}

trait Connection: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Connection for T {}

/// A scan in progress: the content is sent piece by piece as it arrives.
pub struct ScanStream {
    connection: Pin<Box<dyn Connection>>,
}

impl Scanner {
    pub fn enabled(&self) -> bool {
        self.clamd.is_some()
    }

    /// Opens a scan (`None` when scanning is off).
    pub async fn start(&self) -> Result<Option<ScanStream>, ScanError> {
        let Some(address) = &self.clamd else { return Ok(None) };
        let connect = async {
            let connection: Pin<Box<dyn Connection>> = match address {
                ClamdAddress::Tcp(address) => Box::pin(tokio::net::TcpStream::connect(address).await?),
                ClamdAddress::Unix(path) => Box::pin(tokio::net::UnixStream::connect(path).await?),
            };
            Ok::<_, std::io::Error>(connection)
        };
        let mut connection =
            tokio::time::timeout(ANSWER_TIMEOUT, connect).await.map_err(|_| ScanError::Unavailable("connection timed out".into()))??;
        connection.write_all(b"zINSTREAM\0").await?;
        Ok(Some(ScanStream { connection }))
    }

    /// Scans a whole content (a held file, scanned again).
    pub async fn scan(&self, content: &[u8]) -> Result<Option<Verdict>, ScanError> {
        let Some(mut stream) = self.start().await? else { return Ok(None) };
        stream.send(content).await?;
        Ok(Some(stream.verdict().await?))
    }
}

impl ScanStream {
    pub async fn send(&mut self, content: &[u8]) -> Result<(), ScanError> {
        for piece in content.chunks(PIECE) {
            self.connection.write_all(&(piece.len() as u32).to_be_bytes()).await?;
            self.connection.write_all(piece).await?;
        }
        Ok(())
    }

    /// Ends the content and reads clamd's answer (`stream: OK`, `stream: <name> FOUND`).
    pub async fn verdict(mut self) -> Result<Verdict, ScanError> {
        self.connection.write_all(&0u32.to_be_bytes()).await?;
        self.connection.flush().await?;
        let mut answer = Vec::new();
        let read = async {
            let mut buffer = [0u8; 512];
            loop {
                let n = self.connection.read(&mut buffer).await?;
                answer.extend_from_slice(&buffer[..n]);
                if n == 0 || answer.contains(&0) || answer.len() > 4096 {
                    return Ok::<_, std::io::Error>(());
                }
            }
        };
        tokio::time::timeout(ANSWER_TIMEOUT, read).await.map_err(|_| ScanError::Unavailable("no verdict in time".into()))??;
        parse_answer(&answer)
    }
}

fn parse_answer(answer: &[u8]) -> Result<Verdict, ScanError> {
    let text = String::from_utf8_lossy(answer);
    let text = text.trim_end_matches(['\0', '\n']).trim();
    let result = text.strip_prefix("stream:").map(str::trim).unwrap_or(text);
    if result == "OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(name) = result.strip_suffix(" FOUND") {
        return Ok(Verdict::Infected(name.trim().to_owned()));
    }
    Err(ScanError::Unavailable(format!("unexpected answer {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_clamd_answers() {
        assert_eq!(parse_answer(b"stream: OK\0").expect("clean"), Verdict::Clean);
        assert_eq!(
            parse_answer(b"stream: Anef.Test.EICAR.UNOFFICIAL FOUND\0").expect("infected"),
            Verdict::Infected("Anef.Test.EICAR.UNOFFICIAL".into())
        );
        assert!(parse_answer(b"INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(parse_answer(b"").is_err());
    }

    #[test]
    fn reads_addresses() {
        assert_eq!(ClamdAddress::parse("tcp://127.0.0.1:3310"), Some(ClamdAddress::Tcp("127.0.0.1:3310".into())));
        assert_eq!(ClamdAddress::parse("unix:/run/clamav/clamd.ctl"), Some(ClamdAddress::Unix("/run/clamav/clamd.ctl".into())));
        assert_eq!(ClamdAddress::parse("127.0.0.1:3310"), None);
        assert_eq!(ClamdAddress::parse("tcp://"), None);
    }
}
