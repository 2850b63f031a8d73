//! Asking again while a cluster elects a leader.
//!
//! When the server that led the queue or a store dies, the others elect a new leader in a few
//! seconds; until then JetStream requests time out or answer "temporarily unavailable". A user
//! who submits (or a worker that starts) in that window should wait it out, not fail: every
//! request readcast makes at such a time is safe to make twice (streams and stores are created
//! with the same settings, jobs are published under their id inside the duplicate window).
//! Anything else (a refused setting, a missing stream) is answered at once.

use std::future::Future;
use std::time::{Duration, Instant};

use async_nats::jetstream::context::{
    CreateKeyValueErrorKind, CreateStreamError, CreateStreamErrorKind, GetStreamError, GetStreamErrorKind,
    PublishError, PublishErrorKind,
};
use async_nats::jetstream::kv::{EntryError, EntryErrorKind, UpdateError, UpdateErrorKind};
use async_nats::jetstream::stream::{ConsumerError, ConsumerErrorKind};
use async_nats::jetstream::{self, ErrorCode};

use super::FarmError;

/// How long a request is asked again: a three-server cluster re-elects in well under this.
pub const ELECTION_WAIT: Duration = Duration::from_secs(30);
const FIRST_PAUSE: Duration = Duration::from_millis(250);
const LONGEST_PAUSE: Duration = Duration::from_secs(2);

/// Run `request` until it succeeds, fails for a reason that lasts, or `ELECTION_WAIT` is over.
pub async fn through_elections<T, F, Fut>(mut request: F) -> Result<T, FarmError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, FarmError>>,
{
    let start = Instant::now();
    let mut pause = FIRST_PAUSE;
    loop {
        match request().await {
            Err(e) if is_passing(&e) && start.elapsed() + pause < ELECTION_WAIT => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(LONGEST_PAUSE);
            }
            answer => return answer,
        }
    }
}

/// Whether a failed request may succeed once the cluster has a leader again: a timeout, or the
/// server's own "temporarily unavailable". The client gives each request its own error type,
/// so the chain of causes is searched for the ones readcast's requests produce.
pub fn is_passing(error: &FarmError) -> bool {
    let FarmError::Request { source, .. } = error else { return false };
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source.as_ref());
    while let Some(e) = cause {
        if cause_is_passing(e) {
            return true;
        }
        cause = e.source();
    }
    false
}

fn cause_is_passing(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(e) = e.downcast_ref::<CreateStreamError>() {
        return match e.kind() {
            CreateStreamErrorKind::TimedOut => true,
            CreateStreamErrorKind::JetStream(server) => server_is_electing(&server),
            _ => false,
        };
    }
    if let Some(e) = e.downcast_ref::<GetStreamError>() {
        return matches!(e.kind(), GetStreamErrorKind::JetStream(server) if server_is_electing(&server));
    }
    if let Some(e) = e.downcast_ref::<ConsumerError>() {
        return match e.kind() {
            ConsumerErrorKind::TimedOut => true,
            ConsumerErrorKind::JetStream(server) => server_is_electing(&server),
            _ => false,
        };
    }
    if let Some(e) = e.downcast_ref::<PublishError>() {
        return e.kind() == PublishErrorKind::TimedOut;
    }
    if let Some(e) = e.downcast_ref::<async_nats::jetstream::context::CreateObjectStoreError>() {
        return e.kind() == CreateKeyValueErrorKind::TimedOut;
    }
    if let Some(e) = e.downcast_ref::<EntryError>() {
        return e.kind() == EntryErrorKind::TimedOut;
    }
    if let Some(e) = e.downcast_ref::<UpdateError>() {
        return e.kind() == UpdateErrorKind::TimedOut;
    }
    if let Some(server) = e.downcast_ref::<jetstream::Error>() {
        return server_is_electing(server);
    }
    false
}

fn server_is_electing(error: &jetstream::Error) -> bool {
    error.error_code() == ErrorCode::CLUSTER_NOT_AVAILABLE
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn timed_out() -> FarmError {
        FarmError::request("cannot create the stream")(CreateStreamError::new(CreateStreamErrorKind::TimedOut))
    }

    #[test]
    fn timeouts_pass_and_lasting_refusals_do_not() {
        assert!(is_passing(&timed_out()));
        let publish = FarmError::request("cannot queue")(PublishError::new(PublishErrorKind::TimedOut));
        assert!(is_passing(&publish));
        let missing = FarmError::request("cannot queue")(PublishError::new(PublishErrorKind::StreamNotFound));
        assert!(!is_passing(&missing));
        let named = FarmError::request("x")(CreateStreamError::new(CreateStreamErrorKind::InvalidStreamName));
        assert!(!is_passing(&named));
        assert!(!is_passing(&FarmError::NoUrl));
    }

    #[test]
    fn a_request_is_asked_again_until_it_succeeds() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let calls = AtomicUsize::new(0);
        let answer = runtime.block_on(through_elections(|| async {
            match calls.fetch_add(1, Ordering::SeqCst) {
                0 | 1 => Err(timed_out()),
                n => Ok(n),
            }
        }));
        assert_eq!(answer.unwrap(), 2);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_lasting_failure_is_answered_at_once() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let calls = AtomicUsize::new(0);
        let answer: Result<(), FarmError> = runtime.block_on(through_elections(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(FarmError::BadSetting("replicas".into()))
        }));
        assert!(answer.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
