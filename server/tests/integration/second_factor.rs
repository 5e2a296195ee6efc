//! Agents' second factor (TOTP) on SQLite and PostgreSQL: enrolment confirmed by a code of the
//! new secret, with recovery codes shown once; every new session is then held until a code; a
//! wrong or already used code is refused, a recovery code serves once, guessing is limited;
//! when the configuration requires it, an agent without one may only enrol. Refused to visitors
//! and applicants.

use crate::common::{backends, Backend, TestApp};
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::instruction::{ConfirmSecondFactorEnrolment, QueueFilter, SecondFactorEnrolment, StartSecondFactorEnrolment, VerifySecondFactor};
use server::instruction::second_factor::{base32_decode, code_at, STEP_SECONDS};

const AGENT: &str = "agent.palaiseau@demo.localhost";

fn invalid_code<T: std::fmt::Debug>(result: &Result<T, (u16, AppError)>) -> bool {
    matches!(result, Err((422, error)) if error.field_errors().and_then(|f| f.get("code")) == Some(&ValidationError::InvalidSecondFactorCode))
}

/// The key of an enrolment as the page shows it (groups of four).
fn key_of(started: &SecondFactorEnrolment) -> Vec<u8> {
    base32_decode(&started.secret.replace(' ', "")).expect("base32 secret")
}

#[tokio::test]
async fn an_agent_enrols_a_second_factor_and_each_new_session_then_needs_a_code() {
    use base64::Engine;
    let storage_key = |id: &str, byte: u8| format!("{id}:{}", base64::engine::general_purpose::STANDARD.encode([byte; 32]));
    for backend in backends() {
        let app = TestApp::with_demo_people_from(backend, |v| v.push(("ANEF_STORAGE_KEYS".into(), storage_key("k1", 1)))).await;
        // Only an agent's session enrols.
        assert!(matches!(app.call_fn_default(StartSecondFactorEnrolment {}).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(ConfirmSecondFactorEnrolment { code: "123456".into() }).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(VerifySecondFactor { code: "123456".into() }).await, Err((401, _))));
        let applicant = app.applicant("9102458731").await;
        assert!(matches!(app.call_fn(&applicant, StartSecondFactorEnrolment {}).await, Err((401, _))));
        assert!(matches!(app.call_fn(&applicant, VerifySecondFactor { code: "123456".into() }).await, Err((401, _))));

        let agent = app.agent(AGENT).await;
        let started: SecondFactorEnrolment = app.call_fn(&agent, StartSecondFactorEnrolment {}).await.expect("enrolment");
        assert!(!started.enrolled && started.qr_svg.contains("<svg"), "{backend:?}");
        let key = key_of(&started);
        let now = app.state.clock.now().timestamp();
        let code = code_at(&key, now);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert!(invalid_code(&app.call_fn(&agent, ConfirmSecondFactorEnrolment { code: wrong.into() }).await));
        let recovery: Vec<String> = app.call_fn(&agent, ConfirmSecondFactorEnrolment { code: code.clone() }).await.expect("confirmed");
        assert_eq!(recovery.len(), 10);
        assert!(app.queue(&agent, QueueFilter::default()).await.is_ok(), "{backend:?}: the enrolling session goes on");
        // The secret is kept sealed, bound to its agent: the database alone gives no codes.
        let agent_id = app.agent_id(AGENT).await;
        let stored = server::instruction::agents::by_id(&app.state.db, agent_id).await.expect("agent").expect("agent");
        let column = stored.totp_secret.expect("enrolled");
        assert!(column.starts_with("sealed:") && !column.contains(&started.secret.replace(' ', "")), "{column}");

        // A new session waits for a code; the code already used does not open it.
        let second = app.agent(AGENT).await;
        let held = app.queue(&second, QueueFilter::default()).await;
        assert!(matches!(held, Err((403, AppError::SecondFactorRequired))), "{backend:?}: {held:?}");
        assert!(invalid_code(&app.call_fn(&second, VerifySecondFactor { code: code.clone() }).await), "a code serves once");
        let next = code_at(&key, now + STEP_SECONDS);
        let _: () = app.call_fn(&second, VerifySecondFactor { code: next }).await.expect("the next code");
        assert!(app.queue(&second, QueueFilter::default()).await.is_ok());
        // Replacing the factor needs a session that proved it.
        let third = app.agent(AGENT).await;
        assert!(matches!(app.call_fn(&third, StartSecondFactorEnrolment {}).await, Err((403, AppError::SecondFactorRequired))));

        // A recovery code opens one session, typed loosely, then never again.
        let _: () =
            app.call_fn(&third, VerifySecondFactor { code: recovery[0].to_lowercase().replace('-', " ") }).await.expect("recovery code");
        assert!(app.queue(&third, QueueFilter::default()).await.is_ok());
        let fourth = app.agent(AGENT).await;
        assert!(invalid_code(&app.call_fn(&fourth, VerifySecondFactor { code: recovery[0].clone() }).await));

        // Guessing is limited.
        let mut limited = false;
        app.clear_of_window_end(server::accounts::rate_limit::SECOND_FACTOR_PER_AGENT);
        for _ in 0..12 {
            if let Err((429, _)) = app.call_fn(&fourth, VerifySecondFactor { code: wrong.into() }).await {
                limited = true;
                break;
            }
        }
        assert!(limited, "{backend:?}: ten tries a quarter of an hour");

        // A rotation of the keys reseals the secret; the new key alone then opens it.
        let rotated = server::storage::Keyring::parse(&format!("{},{}", storage_key("k2", 2), storage_key("k1", 1))).expect("keys");
        let resealed = server::instruction::second_factor::reseal_secrets(&app.state.db, &rotated).await.expect("reseal");
        assert_eq!(resealed, 1, "{backend:?}");
        let stored = server::instruction::agents::by_id(&app.state.db, agent_id).await.expect("agent").expect("agent");
        let new_only = server::storage::Keyring::parse(&storage_key("k2", 2)).expect("keys");
        let context = server::instruction::second_factor::sealing_context(agent_id);
        let opened = new_only.open_text(&context, &stored.totp_secret.expect("enrolled")).expect("opens with the new key");
        assert_eq!(opened, started.secret.replace(' ', ""));
        app.finish().await;
    }
}

#[tokio::test]
async fn when_the_second_factor_is_required_an_agent_without_one_may_only_enrol() {
    let app = TestApp::spawn_with(Backend::Sqlite, |env| env.push(("ANEF_AGENT_SECOND_FACTOR".into(), "true".into()))).await;
    server::seed::seed_demo_agents(&app.state.db, &app.state.clock).await.expect("demo agents");
    let agent = app.agent(AGENT).await;
    let held = app.queue(&agent, QueueFilter::default()).await;
    assert!(matches!(held, Err((403, AppError::SecondFactorEnrolmentRequired))), "{held:?}");
    let started: SecondFactorEnrolment = app.call_fn(&agent, StartSecondFactorEnrolment {}).await.expect("enrolment");
    let code = code_at(&key_of(&started), app.state.clock.now().timestamp());
    let _: Vec<String> = app.call_fn(&agent, ConfirmSecondFactorEnrolment { code }).await.expect("confirmed");
    assert!(app.queue(&agent, QueueFilter::default()).await.is_ok());
    app.finish().await;
}
