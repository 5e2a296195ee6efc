//! The agents' second factor (TOTP): `/agent/code` asks for the code of a session, and
//! `/agent/double-authentification` enrols an authenticator application (a QR code or the secret
//! in letters, confirmed by one of its codes) and shows the recovery codes once. Rules:
//! `server/src/instruction/second_factor.rs`, `docs/security.md`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{confirm_second_factor_enrolment, paths, start_second_factor_enrolment, verify_second_factor, SecondFactorEnrolment};
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton, TextInput};
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, NarrowPage};

/// `/agent/code`: the session waits for a code of the agent's application, or a recovery code.
#[component]
pub fn AgentCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        spawn_local(async move {
            match verify_second_factor(code.get_untracked()).await {
                Ok(()) => hard_navigate(paths::QUEUE),
                Err(AppError::Unauthenticated) => hard_navigate(paths::LOGIN),
                Err(error) => {
                    pending.set(false);
                    code.set(String::new());
                    errors.show(error);
                }
            }
        });
    };
    view! {
        <NarrowPage title=Msg::SecondFactorTitle>
            <p>{i18n.t(Msg::SecondFactorIntro)}</p>
            <form on:submit=submit novalidate>
                <ErrorSummary form=errors prefix="second-factor" labels=vec![("code", Msg::SecondFactorCode)]/>
                <TextInput id="second-factor-code" label=i18n.t(Msg::SecondFactorCode) value=code error=errors.field("code")
                    hint=i18n.t(Msg::SecondFactorCodeHint) autocomplete="one-time-code" inputmode="numeric"/>
                <SubmitButton label=i18n.t(Msg::SecondFactorSubmit) pending/>
            </form>
        </NarrowPage>
    }
}

/// `/agent/double-authentification`: enrolling (or replacing) the authenticator application.
#[component]
pub fn AgentTwoStepPage() -> impl IntoView {
    let i18n = use_i18n();
    let enrolment = RwSignal::new(None::<SecondFactorEnrolment>);
    let recovery = RwSignal::new(Vec::<String>::new());
    let code = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let begin = move |_| {
        pending.set(true);
        spawn_local(async move {
            match start_second_factor_enrolment().await {
                Ok(started) => enrolment.set(Some(started)),
                Err(error) if super::shared::unauthenticated(&error) => {}
                Err(error) => errors.show(error),
            }
            pending.set(false);
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        spawn_local(async move {
            match confirm_second_factor_enrolment(code.get_untracked()).await {
                Ok(codes) => recovery.set(codes),
                Err(error) if super::shared::unauthenticated(&error) => {}
                Err(error) => {
                    code.set(String::new());
                    errors.show(error);
                }
            }
            pending.set(false);
        });
    };
    view! {
        <NarrowPage title=Msg::TwoStepTitle>
            <Show when=move || recovery.with(Vec::is_empty) fallback=move || view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <h2 class="fr-alert__title">{i18n.t(Msg::TwoStepDone)}</h2>
                    <p>{i18n.t(Msg::TwoStepRecoveryIntro)}</p>
                </div>
                <ul class="recovery-codes">
                    {move || recovery.get().into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                </ul>
                <a class="fr-btn" href=paths::QUEUE>{i18n.t(Msg::TwoStepContinue)}</a>
            }>
                <p>{i18n.t(Msg::TwoStepIntro)}</p>
                {move || match enrolment.get() {
                    None => view! {
                        <ErrorSummary form=errors prefix="two-step" labels=vec![]/>
                        <button type="button" class="fr-btn" on:click=begin disabled=move || pending.get()>{i18n.t(Msg::TwoStepStart)}</button>
                    }.into_any(),
                    Some(started) => view! {
                        {started.enrolled.then(|| view! { <p class="fr-alert fr-alert--info fr-alert--sm">{i18n.t(Msg::TwoStepReplacing)}</p> })}
                        <ol>
                            <li>{i18n.t(Msg::TwoStepScan)}</li>
                            <li>{i18n.t(Msg::TwoStepType)}</li>
                        </ol>
                        <figure class="two-step-qr" role="img" aria-label=i18n.t(Msg::TwoStepQrLabel) inner_html=started.qr_svg></figure>
                        <p>{i18n.t(Msg::TwoStepSecret)}" "<code class="two-step-secret">{started.secret}</code></p>
                        <form on:submit=confirm novalidate>
                            <ErrorSummary form=errors prefix="two-step" labels=vec![("code", Msg::SecondFactorCode)]/>
                            <TextInput id="two-step-code" label=i18n.t(Msg::SecondFactorCode) value=code error=errors.field("code")
                                hint=i18n.t(Msg::SecondFactorEnrolHint) autocomplete="one-time-code" inputmode="numeric"/>
                            <SubmitButton label=i18n.t(Msg::TwoStepConfirm) pending/>
                        </form>
                    }.into_any(),
                }}
            </Show>
        </NarrowPage>
    }
}
