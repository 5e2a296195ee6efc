//! Typed configuration, read from `ANEF_*` environment variables and validated at start-up.
//!
//! Every variable has a documented default (see the README), so `server serve` works on a fresh
//! machine with no configuration. An unknown `ANEF_*` variable is refused: a typo must not
//! silently fall back to a default.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown configuration variable {0} (known: {1})")]
    UnknownVariable(String, String),
    #[error("{name}: {message}")]
    Invalid { name: &'static str, message: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTransport {
    /// Writes each message as an `.eml` file in this folder (development default).
    File(PathBuf),
    /// Sends through an SMTP server, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@host`.
    Smtp(String),
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// Base URL of the service as users reach it, used in e-mail links (no trailing slash).
    pub public_url: String,
    /// Folder for the SQLite database, stored files and the `.eml` outbox (created if missing).
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Root folder of the local storage backend for uploaded and generated files.
    pub storage_dir: PathBuf,
    /// The virus scan of joined files (`ANEF_CLAMD`, `ANEF_SCAN_WHEN_DOWN`); required in
    /// production.
    pub scanner: crate::scanning::Scanner,
    /// How uploads are received: idle timeout, overall limit, concurrency caps (policy
    /// choices, docs/security.md).
    pub uploads: crate::http::intake::UploadPolicy,
    /// The longest a page or server function may take (uploads have their own rule).
    pub request_timeout_seconds: u64,
    /// The keys that seal stored files (`ANEF_STORAGE_KEYS`, the sealing key first); production
    /// requires its own, elsewhere a published development key is used (docs/security.md).
    pub storage_keys: crate::storage::Keyring,
    pub mail_transport: MailTransport,
    /// Sender of every e-mail, `Name <address>`.
    pub mail_from: String,
    /// Where the contact form's messages are sent.
    pub support_email: String,
    /// Folder built by cargo-leptos (wasm, JS, CSS and public assets).
    pub site_root: PathBuf,
    /// `serve` seeds the demo registers and accounts into an empty database.
    pub seed_demo: bool,
    pub environment: Environment,
    /// How many proxies of ours (load balancers) stand in front of the server, each appending
    /// the address it received the request from to `X-Forwarded-For`. The client is the entry
    /// that many places from the right; whatever the client wrote itself stands further left
    /// and is ignored. 0: the header is ignored and the peer address is the client.
    pub proxy_hops: usize,
    /// Base URL of the national address API (BAN); `None`: the address base imported into
    /// the database answers the completion (docs/addresses.md).
    pub address_api_url: Option<String>,
    /// Agents must log in with a second factor (TOTP): always in production, and elsewhere when
    /// `ANEF_AGENT_SECOND_FACTOR` is true. An agent without one is sent to its enrolment.
    pub agent_second_factor_required: bool,
    /// Key of the audit trails' hashes (`audit`); the same on every instance. Production
    /// requires one of at least 32 characters; elsewhere a published development key is used.
    pub audit_key: String,
    /// How long a temporary password works (an administrator's reset, the AGDREF
    /// registration's): a policy choice, 72 hours by default (docs/security.md).
    pub temporary_password_hours: i64,
    /// The total size of the files joined by one account, in MB: a policy choice (no legal
    /// figure), 200 by default — twenty documents at their 10 MB maximum.
    pub account_quota_mb: u32,
    /// How long drafts, notifications, contact messages and delivered e-mails are kept
    /// (`docs/retention.md`).
    pub retention: crate::retention::Periods,
    /// Shifts the service's clock by this many days (demonstrations and deadline tests only;
    /// refused in production).
    pub clock_offset_days: i64,
    /// The policy figures of renewal reminders, attestations and share codes
    /// (`docs/lawful-stay.md`).
    pub lawful_stay: crate::lawful_stay::Policy,
    /// Below this many decisions in 90 days, a prefecture's delay figures for a procedure are
    /// not shown: a policy choice, 5 by default (`app::domain::tracker`).
    pub estimate_min_files: usize,
}

/// How long a temporary password works unless configured otherwise (a policy choice: three
/// days leave a weekend to read the e-mail, and not much more to anyone who intercepts it).
pub const DEFAULT_TEMPORARY_PASSWORD_HOURS: i64 = 72;

/// The audit key of development and tests: published, so it proves nothing in production.
const DEVELOPMENT_AUDIT_KEY: &str = "anef-development-audit-key (not a secret)";

const KNOWN: &[&str] = &[
    "ANEF_LISTEN",
    "ANEF_PUBLIC_URL",
    "ANEF_DATA_DIR",
    "ANEF_DATABASE_URL",
    "ANEF_STORAGE_DIR",
    "ANEF_STORAGE_KEYS",
    "ANEF_CLAMD",
    "ANEF_SCAN_WHEN_DOWN",
    "ANEF_UPLOAD_IDLE_SECONDS",
    "ANEF_UPLOAD_MAX_MINUTES",
    "ANEF_UPLOADS_IN_FLIGHT",
    "ANEF_UPLOADS_PER_PERSON",
    "ANEF_REQUEST_TIMEOUT_SECONDS",
    "ANEF_MAIL_TRANSPORT",
    "ANEF_MAIL_DIR",
    "ANEF_SMTP_URL",
    "ANEF_MAIL_FROM",
    "ANEF_SUPPORT_EMAIL",
    "ANEF_SITE_ROOT",
    "ANEF_SEED_DEMO",
    "ANEF_ENV",
    "ANEF_PROXY_HOPS",
    "ANEF_AUDIT_KEY",
    "ANEF_TEMPORARY_PASSWORD_HOURS",
    "ANEF_ACCOUNT_QUOTA_MB",
    "ANEF_RETENTION_DRAFT_DAYS",
    "ANEF_RETENTION_ABANDONED_DAYS",
    "ANEF_RETENTION_NOTIFICATION_DAYS",
    "ANEF_RETENTION_CONTACT_DAYS",
    "ANEF_RETENTION_EMAIL_DAYS",
    "ANEF_RETENTION_UNSENT_ATTACHMENT_DAYS",
    "ANEF_ADDRESS_API_URL",
    "ANEF_AGENT_SECOND_FACTOR",
    "ANEF_CLOCK_OFFSET_DAYS",
    "ANEF_ATTESTATION_AT_FILING",
    "ANEF_REMINDER_DAYS",
    "ANEF_ATTESTATION_RENEWAL_LEAD_DAYS",
    "ANEF_IMPLICIT_DECISION_WARNING_DAYS",
    "ANEF_SHARE_CODE_DAYS",
    "ANEF_ESTIMATE_MIN_FILES",
    // Used by the test and benchmark scripts, not by the server.
    "ANEF_TEST_PG_URL",
    "ANEF_E2E_PYTHON",
    "ANEF_SERVER_BIN",
    // Read by the `create-agent` command.
    "ANEF_AGENT_PASSWORD",
];

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars())
    }

    /// Builds the configuration from `(name, value)` pairs (the environment, or a test's).
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Result<Self, ConfigError> {
        let vars: BTreeMap<String, String> = vars.into_iter().collect();
        if let Some(unknown) = vars.keys().find(|k| k.starts_with("ANEF_") && !KNOWN.contains(&k.as_str())) {
            return Err(ConfigError::UnknownVariable(unknown.clone(), KNOWN.join(", ")));
        }
        let get = |name: &str| vars.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let flag = |name: &'static str| -> Result<bool, ConfigError> {
            match get(name).as_deref() {
                None | Some("0") | Some("false") | Some("no") => Ok(false),
                Some("1") | Some("true") | Some("yes") => Ok(true),
                Some(other) => Err(ConfigError::Invalid { name, message: format!("expected true or false, got {other:?}") }),
            }
        };

        let listen = match (get("ANEF_LISTEN"), get("PORT")) {
            (Some(addr), _) => addr,
            (None, Some(port)) => format!("127.0.0.1:{port}"),
            (None, None) => "127.0.0.1:3000".to_owned(),
        };
        let listen: SocketAddr =
            listen.parse().map_err(|e| ConfigError::Invalid { name: "ANEF_LISTEN", message: format!("{listen:?}: {e}") })?;

        let environment = match get("ANEF_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "ANEF_ENV",
                    message: format!("expected development or production, got {other:?}"),
                })
            }
        };

        let public_url = get("ANEF_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}"));
        let public_url = public_url.trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid { name: "ANEF_PUBLIC_URL", message: "must start with http:// or https://".into() });
        }

        let data_dir = PathBuf::from(get("ANEF_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = get("ANEF_DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}/anef.db?mode=rwc", data_dir.display()));
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            return Err(ConfigError::Invalid { name: "ANEF_DATABASE_URL", message: "must be a sqlite:// or postgres:// URL".into() });
        }
        let storage_dir = get("ANEF_STORAGE_DIR").map(PathBuf::from).unwrap_or_else(|| data_dir.join("files"));

        let mail_transport = match get("ANEF_MAIL_TRANSPORT").as_deref() {
            None | Some("file") => MailTransport::File(get("ANEF_MAIL_DIR").map(PathBuf::from).unwrap_or_else(|| data_dir.join("mail"))),
            Some("smtp") => MailTransport::Smtp(get("ANEF_SMTP_URL").unwrap_or_else(|| "smtp://127.0.0.1:25".into())),
            Some(other) => {
                return Err(ConfigError::Invalid { name: "ANEF_MAIL_TRANSPORT", message: format!("expected file or smtp, got {other:?}") })
            }
        };
        let mail_from = get("ANEF_MAIL_FROM").unwrap_or_else(|| "ANEF séjour <no-reply@anef.localhost>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::Invalid { name: "ANEF_MAIL_FROM", message: format!("{mail_from:?} is not a mailbox") });
        }
        let support_email = get("ANEF_SUPPORT_EMAIL").unwrap_or_else(|| "contact@anef.localhost".into());
        if support_email.parse::<lettre::Address>().is_err() {
            return Err(ConfigError::Invalid { name: "ANEF_SUPPORT_EMAIL", message: format!("{support_email:?} is not an address") });
        }

        let proxy_hops = match get("ANEF_PROXY_HOPS") {
            None => 0,
            Some(hops) => hops.parse().map_err(|_| ConfigError::Invalid {
                name: "ANEF_PROXY_HOPS",
                message: format!("{hops:?} is not a number of proxies (0, 1, 2…)"),
            })?,
        };

        let temporary_password_hours = match get("ANEF_TEMPORARY_PASSWORD_HOURS") {
            None => DEFAULT_TEMPORARY_PASSWORD_HOURS,
            Some(hours) => hours.parse().ok().filter(|h| (1..=24 * 30).contains(h)).ok_or_else(|| ConfigError::Invalid {
                name: "ANEF_TEMPORARY_PASSWORD_HOURS",
                message: format!("{hours:?} is not a number of hours between 1 and 720"),
            })?,
        };

        let account_quota_mb = match get("ANEF_ACCOUNT_QUOTA_MB") {
            None => 200,
            Some(mb) => mb.parse().ok().filter(|mb| *mb >= 10).ok_or_else(|| ConfigError::Invalid {
                name: "ANEF_ACCOUNT_QUOTA_MB",
                message: format!("{mb:?} is not a size in MB of at least 10 (one file's maximum)"),
            })?,
        };

        let days = |name: &'static str, default: i64| -> Result<i64, ConfigError> {
            match get(name) {
                None => Ok(default),
                Some(days) => days
                    .parse()
                    .ok()
                    .filter(|d| *d >= 1)
                    .ok_or_else(|| ConfigError::Invalid { name, message: format!("{days:?} is not a number of days (1 or more)") }),
            }
        };
        let defaults = crate::retention::Periods::default();
        let retention = crate::retention::Periods {
            draft_days: days("ANEF_RETENTION_DRAFT_DAYS", defaults.draft_days)?,
            abandoned_days: days("ANEF_RETENTION_ABANDONED_DAYS", defaults.abandoned_days)?,
            notification_days: days("ANEF_RETENTION_NOTIFICATION_DAYS", defaults.notification_days)?,
            contact_days: days("ANEF_RETENTION_CONTACT_DAYS", defaults.contact_days)?,
            delivered_email_days: days("ANEF_RETENTION_EMAIL_DAYS", defaults.delivered_email_days)?,
            unsent_attachment_days: days("ANEF_RETENTION_UNSENT_ATTACHMENT_DAYS", defaults.unsent_attachment_days)?,
        };

        let stay = crate::lawful_stay::Policy::default();
        let reminder_days = match get("ANEF_REMINDER_DAYS") {
            None => stay.reminder_days.clone(),
            Some(list) => list
                .split(',')
                .map(|d| d.trim().parse::<i64>().ok().filter(|d| (1..=365).contains(d)))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| ConfigError::Invalid {
                    name: "ANEF_REMINDER_DAYS",
                    message: format!("{list:?} is not a list of days before expiry, such as 120,90,60"),
                })?,
        };
        let lawful_stay = crate::lawful_stay::Policy {
            // On unless turned off: the Défenseur des droits' recommendation.
            attestation_at_filing: get("ANEF_ATTESTATION_AT_FILING").is_none() || flag("ANEF_ATTESTATION_AT_FILING")?,
            reminder_days,
            attestation_renewal_lead_days: days("ANEF_ATTESTATION_RENEWAL_LEAD_DAYS", stay.attestation_renewal_lead_days)?,
            implicit_warning_days: days("ANEF_IMPLICIT_DECISION_WARNING_DAYS", stay.implicit_warning_days)?,
            share_code_days: days("ANEF_SHARE_CODE_DAYS", stay.share_code_days)?,
        };

        let estimate_min_files = match get("ANEF_ESTIMATE_MIN_FILES") {
            None => app::domain::tracker::DEFAULT_MIN_FILES,
            Some(files) => files.parse().ok().filter(|n| *n >= 1).ok_or_else(|| ConfigError::Invalid {
                name: "ANEF_ESTIMATE_MIN_FILES",
                message: format!("{files:?} is not a number of files (1 or more)"),
            })?,
        };

        let count = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
            match get(name) {
                None => Ok(default),
                Some(n) => n
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| ConfigError::Invalid { name, message: format!("{n:?} is not a whole number of 1 or more") }),
            }
        };
        let clamd = match get("ANEF_CLAMD") {
            None => None,
            Some(address) => Some(crate::scanning::ClamdAddress::parse(&address).ok_or_else(|| ConfigError::Invalid {
                name: "ANEF_CLAMD",
                message: format!("{address:?}: expected tcp://host:port or unix:/path/to/clamd.ctl"),
            })?),
        };
        let when_down = match get("ANEF_SCAN_WHEN_DOWN").as_deref() {
            None | Some("refuse") => crate::scanning::WhenDown::Refuse,
            Some("hold") => crate::scanning::WhenDown::Hold,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "ANEF_SCAN_WHEN_DOWN",
                    message: format!("expected refuse or hold, got {other:?}"),
                })
            }
        };
        let upload_defaults = crate::http::intake::UploadPolicy::default();
        let uploads = crate::http::intake::UploadPolicy {
            idle_seconds: count("ANEF_UPLOAD_IDLE_SECONDS", upload_defaults.idle_seconds)?,
            max_minutes: count("ANEF_UPLOAD_MAX_MINUTES", upload_defaults.max_minutes)?,
            in_flight: count("ANEF_UPLOADS_IN_FLIGHT", upload_defaults.in_flight as u64)? as usize,
            per_person: count("ANEF_UPLOADS_PER_PERSON", u64::from(upload_defaults.per_person))? as u32,
        };
        let request_timeout_seconds = count("ANEF_REQUEST_TIMEOUT_SECONDS", 30)?;

        let clock_offset_days = match get("ANEF_CLOCK_OFFSET_DAYS") {
            None => 0,
            Some(days) => days
                .parse()
                .map_err(|_| ConfigError::Invalid { name: "ANEF_CLOCK_OFFSET_DAYS", message: format!("{days:?} is not a whole number") })?,
        };

        let config = Config {
            listen,
            public_url,
            data_dir,
            database_url,
            storage_dir,
            mail_transport,
            mail_from,
            support_email,
            site_root: PathBuf::from(get("ANEF_SITE_ROOT").unwrap_or_else(|| "target/site".into())),
            seed_demo: flag("ANEF_SEED_DEMO")?,
            environment,
            proxy_hops,
            temporary_password_hours,
            account_quota_mb,
            retention,
            scanner: crate::scanning::Scanner { clamd, when_down },
            uploads,
            request_timeout_seconds,
            storage_keys: match get("ANEF_STORAGE_KEYS") {
                Some(spec) => crate::storage::Keyring::parse(&spec)
                    .map_err(|e| ConfigError::Invalid { name: "ANEF_STORAGE_KEYS", message: e.to_string() })?,
                None => crate::storage::Keyring::development(),
            },
            audit_key: get("ANEF_AUDIT_KEY").unwrap_or_else(|| DEVELOPMENT_AUDIT_KEY.into()),
            address_api_url: get("ANEF_ADDRESS_API_URL").map(|u| u.trim_end_matches('/').to_owned()),
            agent_second_factor_required: environment == Environment::Production || flag("ANEF_AGENT_SECOND_FACTOR")?,
            clock_offset_days,
            lawful_stay,
            estimate_min_files,
        };
        config.check_production()?;
        Ok(config)
    }

    /// Production refuses what is only meant for development.
    fn check_production(&self) -> Result<(), ConfigError> {
        if self.environment != Environment::Production {
            return Ok(());
        }
        if !matches!(self.mail_transport, MailTransport::Smtp(_)) {
            return Err(ConfigError::Invalid { name: "ANEF_MAIL_TRANSPORT", message: "production requires smtp".into() });
        }
        if !self.public_url.starts_with("https://") {
            return Err(ConfigError::Invalid { name: "ANEF_PUBLIC_URL", message: "production requires https".into() });
        }
        if self.clock_offset_days != 0 {
            return Err(ConfigError::Invalid { name: "ANEF_CLOCK_OFFSET_DAYS", message: "not allowed in production".into() });
        }
        if self.seed_demo {
            return Err(ConfigError::Invalid { name: "ANEF_SEED_DEMO", message: "not allowed in production".into() });
        }
        if !self.scanner.enabled() {
            return Err(ConfigError::Invalid {
                name: "ANEF_CLAMD",
                message: "production scans every joined file: set clamd's address".into(),
            });
        }
        if self.storage_keys.holds(crate::storage::encryption::DEVELOPMENT_KEY_ID) {
            return Err(ConfigError::Invalid {
                name: "ANEF_STORAGE_KEYS",
                message: "production requires keys of its own (id:base64 of 32 random bytes)".into(),
            });
        }
        if self.audit_key == DEVELOPMENT_AUDIT_KEY || self.audit_key.chars().count() < 32 {
            return Err(ConfigError::Invalid {
                name: "ANEF_AUDIT_KEY",
                message: "production requires a secret of 32 characters or more".into(),
            });
        }
        Ok(())
    }

    /// The stored files, sealed with the configured keys.
    pub fn storage(&self) -> crate::storage::Storage {
        crate::storage::Storage::local(self.storage_dir.clone(), self.storage_keys.clone())
    }

    /// Cookies carry `Secure` when the service is reached over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The key of development and tests.
    pub fn default_audit_key() -> &'static str {
        DEVELOPMENT_AUDIT_KEY
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_work_without_configuration() {
        let config = Config::from_vars(vars(&[])).expect("defaults");
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/anef.db?mode=rwc");
        assert_eq!(config.mail_transport, MailTransport::File(PathBuf::from("data/mail")));
        assert!(!config.secure_cookies());
        assert!(config.is_sqlite());
    }

    #[test]
    fn port_variable_is_honoured() {
        let config = Config::from_vars(vars(&[("PORT", "8080")])).expect("port");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        let config = Config::from_vars(vars(&[("PORT", "8080"), ("ANEF_LISTEN", "0.0.0.0:9000")])).expect("listen wins");
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
    }

    #[test]
    fn unknown_variables_are_refused() {
        let error = Config::from_vars(vars(&[("ANEF_DATABSE_URL", "x")])).expect_err("typo");
        assert!(matches!(error, ConfigError::UnknownVariable(name, _) if name == "ANEF_DATABSE_URL"));
    }

    #[test]
    fn the_create_agent_password_variable_is_known() {
        assert!(Config::from_vars(vars(&[("ANEF_AGENT_PASSWORD", "Agent-2026!")])).is_ok());
    }

    #[test]
    fn lawful_stay_figures_default_to_the_legal_ones_and_can_be_set() {
        let config = Config::from_vars(vars(&[])).expect("defaults");
        assert!(config.lawful_stay.attestation_at_filing);
        assert_eq!(config.lawful_stay.reminder_days, [120, 90, 60]);
        let config = Config::from_vars(vars(&[("ANEF_ATTESTATION_AT_FILING", "false"), ("ANEF_REMINDER_DAYS", "100, 45")])).expect("set");
        assert!(!config.lawful_stay.attestation_at_filing);
        assert_eq!(config.lawful_stay.reminder_days, [100, 45]);
        assert!(Config::from_vars(vars(&[("ANEF_REMINDER_DAYS", "120,soon")])).is_err());
        assert!(Config::from_vars(vars(&[("ANEF_SHARE_CODE_DAYS", "0")])).is_err());
    }

    #[test]
    fn invalid_values_are_explained() {
        assert!(Config::from_vars(vars(&[("ANEF_PROXY_HOPS", "yes")])).is_err());
        assert!(Config::from_vars(vars(&[("ANEF_LISTEN", "nowhere")])).is_err());
        assert!(Config::from_vars(vars(&[("ANEF_DATABASE_URL", "mysql://x")])).is_err());
        assert!(Config::from_vars(vars(&[("ANEF_SEED_DEMO", "maybe")])).is_err());
        assert!(Config::from_vars(vars(&[("ANEF_MAIL_FROM", "not a mailbox")])).is_err());
    }

    #[test]
    fn production_refuses_development_settings() {
        let base = [("ANEF_ENV", "production"), ("ANEF_PUBLIC_URL", "https://anef.example")];
        assert!(Config::from_vars(vars(&base)).is_err(), "file transport refused");
        let mut ok = base.to_vec();
        ok.extend([("ANEF_MAIL_TRANSPORT", "smtp"), ("ANEF_SMTP_URL", "smtp://relay:25")]);
        assert!(Config::from_vars(vars(&ok)).is_err(), "the development audit key is refused");
        ok.push(("ANEF_AUDIT_KEY", "0123456789abcdef0123456789abcdef"));
        assert!(Config::from_vars(vars(&ok)).is_err(), "the development storage key is refused");
        ok.push(("ANEF_STORAGE_KEYS", "2026-12:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        assert!(Config::from_vars(vars(&ok)).is_err(), "production scans joined files");
        ok.push(("ANEF_CLAMD", "unix:/run/clamav/clamd.ctl"));
        let config = Config::from_vars(vars(&ok)).expect("production config");
        assert_eq!(config.storage_keys.sealing_id(), "2026-12");
        assert!(config.secure_cookies());
        let mut http = ok.clone();
        http[1] = ("ANEF_PUBLIC_URL", "http://anef.example");
        assert!(Config::from_vars(vars(&http)).is_err());
    }
}
