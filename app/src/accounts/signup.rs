//! Account creation, after the document check of the login page: the e-mail step and the
//! "demande bien enregistrée" page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{below_login, paths, SubmitSignupEmail};
use crate::components::forms::{EmailInput, ErrorSummary, FormErrors, SubmitButton};
use crate::domain::accounts::validate_signup_email;
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{BreadcrumbTrail, NarrowPage, PageTitle};

/// The ticket returned by the document check, kept in memory only (never in the URL) until
/// the e-mail is submitted. A reload starts the creation again.
#[derive(Clone, Copy)]
pub struct SignupTicket(pub RwSignal<Option<String>>);

impl SignupTicket {
    pub fn provide() {
        provide_context(SignupTicket(RwSignal::new(None)));
    }
}

#[component]
pub fn SignupEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let ticket = expect_context::<SignupTicket>();
    view! {
        <NarrowPage title=Msg::SignupEmailTitle trail=below_login()>
            {move || match ticket.0.get() {
                Some(value) => view! { <SignupEmailForm ticket=value/> }.into_any(),
                None => view! {
                    <div class="fr-alert fr-alert--info fr-mb-3w">
                        <p>{i18n.t(Msg::ErrSignupExpired)}</p>
                    </div>
                    <a class="fr-btn" href=paths::LOGIN>{i18n.t(Msg::SignupStartAgain)}</a>
                }.into_any(),
            }}
        </NarrowPage>
    }
}

#[component]
fn SignupEmailForm(ticket: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let stored = expect_context::<SignupTicket>();
    let email = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<SubmitSignupEmail>::new();
    let expired = RwSignal::new(false);

    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            stored.0.set(None);
            navigate(paths::SIGNUP_DONE, Default::default());
        }
        Some(Err(AppError::SignupExpired)) => expired.set(true),
        Some(Err(error)) => errors.show(error),
        None => {}
    });

    let ticket = StoredValue::new(ticket);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, c) = (email.get_untracked(), confirmation.get_untracked());
        match validate_signup_email(&e, &c) {
            Ok(_) => {
                errors.clear();
                action.dispatch(SubmitSignupEmail { ticket: ticket.get_value(), email: e, email_confirmation: c });
            }
            Err(field_errors) => errors.show_fields(field_errors),
        }
    };

    view! {
        <Show
            when=move || !expired.get()
            fallback=move || view! {
                <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert"><p>{i18n.t(Msg::ErrSignupExpired)}</p></div>
                <a class="fr-btn" href=paths::LOGIN>{i18n.t(Msg::SignupStartAgain)}</a>
            }
        >
            <p>{i18n.t(Msg::SignupEmailIntro)}</p>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=errors prefix="signup" labels=vec![("email", Msg::SignupEmail), ("email_confirmation", Msg::SignupEmailConfirm)]/>
                <EmailInput id="signup-email" label=i18n.t(Msg::SignupEmail) hint=i18n.t(Msg::SignupEmailHint) value=email error=errors.field("email")/>
                <EmailInput id="signup-email_confirmation" label=i18n.t(Msg::SignupEmailConfirm) value=confirmation error=errors.field("email_confirmation")/>
                <SubmitButton label=i18n.t(Msg::SignupEmailSubmit) pending=action.pending()/>
            </form>
        </Show>
    }
}

#[component]
pub fn SignupDonePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title=Msg::SignupEmailTitle/>
        <div class="fr-container fr-my-4w">
            <BreadcrumbTrail title=Msg::SignupEmailTitle trail=below_login()/>
            <h1>{i18n.t(Msg::SignupEmailTitle)}</h1>
            <div class="fr-alert fr-alert--success fr-mb-3w">
                <h2 class="fr-alert__title">{i18n.t(Msg::SignupDoneTitle)}</h2>
                <p>{i18n.t(Msg::SignupDoneText)}</p>
            </div>
            <p>{i18n.t(Msg::SignupDoneTitleHolder)}</p>
            <p>{i18n.t(Msg::SignupDoneVisaHolder)}</p>
            <p class="fr-text--sm">{i18n.t(Msg::SignupDoneSpam)}</p>
            <a class="fr-btn fr-btn--secondary" href="/">{i18n.t(Msg::BackHome)}</a>
        </div>
    }
}
