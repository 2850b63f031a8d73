//! A NATS server in operator mode for the credential tests: an operator, an account with
//! JetStream and a user, each a JWT signed here with its issuer's nkey (the `nkeys` crate), the
//! server's configuration preloading the account, and the user's `.creds` file as `nsc` writes it.
//!
//! A JWT is `base64url(header).base64url(claims).base64url(signature)`, the signature an
//! Ed25519 signature by the issuer over the first two parts; `nats-server` checks every link:
//! the account's issuer is the operator it trusts, the user's issuer is that account.

use std::path::{Path, PathBuf};

use base64::Engine;
use nkeys::KeyPair;
use serde_json::{Value, json};

use super::nats_server::NatsServer;

/// A server that admits only users of its one account, and the files to reach it.
pub struct OperatorServer {
    pub server: NatsServer,
    /// A user of the server's account: admitted.
    pub creds: PathBuf,
    /// A user of an account the server does not know: refused.
    pub stranger_creds: PathBuf,
}

impl OperatorServer {
    /// Everything written into `dir`.
    pub fn start(dir: &Path) -> OperatorServer {
        let operator = KeyPair::new_operator();
        let account = KeyPair::new_account();
        // JetStream needs the server's own account as well.
        let system = KeyPair::new_account();
        let operator_claims = json!({"type": "operator", "version": 2, "system_account": system.public_key()});
        let operator_jwt = jwt(&operator, &operator.public_key(), operator_claims);
        let account_jwt = jwt(&operator, &account.public_key(), account_claims());
        let system_jwt = jwt(&operator, &system.public_key(), json!({"type": "account", "version": 2}));
        let config = dir.join("operator.conf");
        let (account_key, system_key) = (account.public_key(), system.public_key());
        let text = format!(
            "operator: \"{operator_jwt}\"\nsystem_account: {system_key}\nresolver: MEMORY\n\
             resolver_preload: {{\n  {account_key}: \"{account_jwt}\"\n  {system_key}: \"{system_jwt}\"\n}}\n"
        );
        std::fs::write(&config, text).expect("write the server's configuration");
        let server = NatsServer::with_args(&["-js", "-c", config.to_str().expect("a UTF-8 path")]);

        let creds = dir.join("farm.creds");
        write_user_creds(&account, &creds);
        // Signed by an account of its own, which no operator of this server vouches for.
        let stranger_creds = dir.join("stranger.creds");
        write_user_creds(&KeyPair::new_account(), &stranger_creds);
        OperatorServer { server, creds, stranger_creds }
    }
}

/// An account with JetStream (unlimited storage) and no other limits.
fn account_claims() -> Value {
    json!({
        "type": "account",
        "version": 2,
        "limits": {
            "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1, "wildcards": true,
            "conn": -1, "leaf": -1, "mem_storage": -1, "disk_storage": -1, "streams": -1, "consumer": -1
        },
        "default_permissions": {"pub": {}, "sub": {}}
    })
}

/// A new user of `account`, its JWT and seed written to `path` in the `.creds` layout.
fn write_user_creds(account: &KeyPair, path: &Path) {
    let user = KeyPair::new_user();
    let claims = json!({"type": "user", "version": 2, "pub": {}, "sub": {}, "subs": -1, "data": -1, "payload": -1});
    let user_jwt = jwt(account, &user.public_key(), claims);
    let seed = user.seed().expect("the user's seed");
    let text = format!(
        "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
         -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n"
    );
    std::fs::write(path, text).expect("write the credentials file");
}

/// A JWT for `subject` issued (signed) by `issuer`, with `nats` as its NATS claims.
fn jwt(issuer: &KeyPair, subject: &str, nats: Value) -> String {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    let name = subject.chars().take(8).collect::<String>();
    let mut claims = json!({"iat": now, "iss": issuer.public_key(), "name": name, "sub": subject, "nats": nats});
    // The claims' id: any unique string serves; nsc uses a hash of the claims.
    let id = sha2_hex(claims.to_string().as_bytes());
    claims["jti"] = Value::String(id);
    let header = b64(br#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let body = b64(claims.to_string().as_bytes());
    let signed = format!("{header}.{body}");
    let signature = issuer.sign(signed.as_bytes()).expect("sign the JWT");
    format!("{signed}.{}", b64(&signature))
}

fn sha2_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
