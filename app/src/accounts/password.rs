//! Forgotten password, reset link, and the change of a temporary password.

use leptos::prelude::*;

use super::login::IdentifierInput;
use super::{below_login, check_reset_link, paths, ChangePassword, RequestPasswordReset, ResetPassword};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ChangePasswordForm, ErrorSummary, FormErrors, NewPassword, NewPasswordFields, SubmitButton};
use crate::domain::identifiers::NumeroEtranger;
use crate::domain::validation::FieldErrors;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, use_session, NarrowPage};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let identifier = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<RequestPasswordReset>::new();
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            errors.show(error);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = identifier.get_untracked();
        match NumeroEtranger::parse(&id) {
            Ok(_) => {
                errors.clear();
                action.dispatch(RequestPasswordReset { identifier: id });
            }
            Err(error) => {
                let mut field_errors = FieldErrors::new();
                field_errors.add("identifier", error);
                errors.show_fields(field_errors);
            }
        }
    };
    view! {
        <NarrowPage title=Msg::ForgotTitle trail=below_login()>
            <Show
                when=move || !matches!(action.value().get(), Some(Ok(())))
                fallback=move || view! {
                    <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                        <h2 class="fr-alert__title">{i18n.t(Msg::ForgotSentTitle)}</h2>
                        <p>{i18n.t(Msg::ForgotSentText)}</p>
                    </div>
                    <a class="fr-btn fr-btn--secondary" href=paths::LOGIN>{i18n.t(Msg::LogIn)}</a>
                }
            >
                <p>{i18n.t(Msg::ForgotIntro)}</p>
                <form on:submit=on_submit novalidate>
                    <ErrorSummary form=errors prefix="forgot" labels=vec![("identifier", Msg::LoginIdentifier)]/>
                    <IdentifierInput id="forgot-identifier" value=identifier error=errors.field("identifier")/>
                    <SubmitButton label=i18n.t(Msg::ForgotSubmit) pending=action.pending()/>
                </form>
            </Show>
        </NarrowPage>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = super::link_token();
    let link = Resource::new(token, check_reset_link);
    view! {
        <NarrowPage title=Msg::ResetTitle trail=below_login()>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || link.get().map(|result| match result {
                    Ok(()) => view! { <ResetForm token=token()/> }.into_any(),
                    Err(error) => view! {
                        <ErrorAlert error/>
                        <a class="fr-btn" href=paths::FORGOT_PASSWORD>{i18n.t(Msg::LoginForgotPassword)}</a>
                    }.into_any(),
                })}
            </Suspense>
        </NarrowPage>
    }
}

#[component]
fn ResetForm(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let new_password = NewPassword::new();
    let errors = FormErrors::new();
    let action = ServerAction::<ResetPassword>::new();
    let token = StoredValue::new(token);
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            errors.show(error);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((password, password_confirmation)) = new_password.checked(errors) {
            action.dispatch(ResetPassword { token: token.get_value(), password, password_confirmation });
        }
    };
    view! {
        <Show
            when=move || !matches!(action.value().get(), Some(Ok(())))
            fallback=move || view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <h2 class="fr-alert__title">{i18n.t(Msg::ResetDoneTitle)}</h2>
                    <p>{i18n.t(Msg::ResetDoneText)}</p>
                </div>
                <a class="fr-btn" href=paths::LOGIN>{i18n.t(Msg::LogIn)}</a>
            }
        >
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=errors prefix="reset" labels=NewPassword::LABELS.to_vec()/>
                <NewPasswordFields prefix="reset" fields=new_password errors/>
                <SubmitButton label=i18n.t(Msg::ResetSubmit) pending=action.pending()/>
            </form>
        </Show>
    }
}

/// Replacing a temporary password (forced at the first login with it) or changing one's own.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let errors = FormErrors::new();
    let action = ServerAction::<ChangePassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => hard_navigate(paths::PROCEDURES),
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let submit = Callback::new(move |(current, password, password_confirmation)| {
        action.dispatch(ChangePassword { current, password, password_confirmation });
    });
    view! {
        <NarrowPage title=Msg::ChangePasswordTitle trail=vec![]>
            <Suspense fallback=|| ()>
                {move || session.0.get().map(|user| match user {
                    Ok(Some(user)) => user.must_change_password.then(|| view! {
                        <div class="fr-alert fr-alert--warning fr-mb-3w"><p>{i18n.t(Msg::ChangePasswordForcedIntro)}</p></div>
                    }).into_any(),
                    _ => view! { <leptos_router::components::Redirect path=format!("{}?retour={}", paths::LOGIN, paths::CHANGE_PASSWORD)/> }.into_any(),
                })}
            </Suspense>
            <ChangePasswordForm prefix="change" errors pending=action.pending() submit/>
        </NarrowPage>
    }
}
