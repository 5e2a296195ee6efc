//! The back-office's own login, and the change of a temporary password an administrator issued.

use leptos::prelude::*;

use super::paths;
use crate::components::forms::{ChangePasswordFields, ErrorSummary, FormErrors, NewPassword, PasswordInput, SubmitButton, TextInput};
use crate::domain::validation::{FieldErrors, ValidationError};
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
        Some(Err(error)) => {
            password.set(String::new());
            errors.show(error);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        let mut missing = FieldErrors::new();
        if e.trim().is_empty() {
            missing.add("email", ValidationError::Required);
        }
        if p.is_empty() {
            missing.add("password", ValidationError::Required);
        }
        if missing.is_empty() {
            errors.clear();
            action.dispatch(super::AgentLogin { email: e, password: p });
        } else {
            errors.show_fields(missing);
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
                        <TextInput id="agent-email" label=i18n.t(Msg::AgentEmail) value=email error=errors.field("email")
                            input_type="email" autocomplete="username"/>
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
    let current = RwSignal::new(String::new());
    let new_password = NewPassword::new();
    let errors = FormErrors::new();
    let action = ServerAction::<super::ChangeAgentPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::QUEUE),
        Some(Err(AppError::Unauthenticated)) => hard_navigate(paths::LOGIN),
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((current, password, password_confirmation)) = new_password.checked_change(current, errors) {
            action.dispatch(super::ChangeAgentPassword { current, password, password_confirmation });
        }
    };
    view! {
        <NarrowPage title=Msg::ChangePasswordTitle>
            <div class="fr-alert fr-alert--warning fr-mb-3w"><p>{i18n.t(Msg::ChangePasswordForcedIntro)}</p></div>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            <form on:submit=on_submit novalidate>
                <ChangePasswordFields prefix="agent-change" current fields=new_password errors/>
                <SubmitButton label=i18n.t(Msg::ChangePasswordSubmit) pending=action.pending()/>
            </form>
        </NarrowPage>
    }
}
