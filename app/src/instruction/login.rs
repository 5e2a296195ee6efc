//! The back-office's own login, and the change of a temporary password an administrator issued.

use leptos::prelude::*;

use super::paths;
use crate::components::forms::{ChangePasswordForm, EmailInput, ErrorSummary, FormErrors, PasswordInput, SubmitButton};
use crate::domain::agents::validate_login;
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, NarrowPage, PageTitle};

#[component]
pub fn AgentLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<super::AgentLogin>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::QUEUE),
        Some(Err(error)) => errors.show_emptying(error, password),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        match validate_login(&e, &p) {
            Ok(()) => {
                errors.clear();
                action.dispatch(super::AgentLogin { email: e, password: p });
            }
            Err(missing) => errors.show_fields(missing),
        }
    };
    view! {
        <PageTitle title=Msg::AgentLoginTitle/>
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-6">
                    <h1>{i18n.t(Msg::AgentLoginTitle)}</h1>
                    <p>{i18n.t(Msg::AgentLoginIntro)}</p>
                    <form on:submit=on_submit novalidate>
                        <ErrorSummary form=errors prefix="agent" labels=vec![("email", Msg::AgentEmail), ("password", Msg::LoginPassword)]/>
                        <EmailInput id="agent-email" label=i18n.t(Msg::AgentEmail) value=email error=errors.field("email") autocomplete="username"/>
                        <PasswordInput id="agent-password" label=i18n.t(Msg::LoginPassword) value=password error=errors.field("password")
                            autocomplete="current-password"/>
                        <SubmitButton label=i18n.t(Msg::LoginSubmit) pending=action.pending()/>
                    </form>
                </div>
            </div>
        </div>
    }
}

/// `/agent/mot-de-passe`: an agent replaces the temporary password an administrator issued;
/// every other back-office page sends them here until it is done.
#[component]
pub fn AgentPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new();
    let action = ServerAction::<super::ChangeAgentPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::QUEUE),
        Some(Err(AppError::Unauthenticated)) => hard_navigate(paths::LOGIN),
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let submit = Callback::new(move |(current, password, password_confirmation)| {
        action.dispatch(super::ChangeAgentPassword { current, password, password_confirmation });
    });
    view! {
        <NarrowPage title=Msg::ChangePasswordTitle>
            <div class="fr-alert fr-alert--warning fr-mb-3w"><p>{i18n.t(Msg::ChangePasswordForcedIntro)}</p></div>
            <ChangePasswordForm prefix="agent-change" errors pending=action.pending() submit/>
        </NarrowPage>
    }
}
