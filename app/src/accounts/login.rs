//! The login page, in two halves as on the original service: "Vous avez déjà un compte"
//! (numéro étranger + password) and "Créez votre compte" (title or visa number + validity).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{paths, signup::SignupTicket, Login, StartSignup};
use crate::components::forms::{DateInput, DateParts, ErrorSummary, FormErrors, PasswordInput, SubmitButton, TextInput};
use crate::domain::accounts::{validate_login, DocumentCredentialInput};
use crate::domain::navigation::safe_return_path;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, Breadcrumb, PageTitle};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title=Msg::LoginPageTitle/>
        <div class="fr-container fr-my-4w">
            <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (Msg::LoginPageTitle, None)]/>
            <h1>{i18n.t(Msg::LoginPageTitle)}</h1>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            <p><a class="fr-link" href=crate::help::WHICH_CASE>{i18n.t(Msg::CaseLink)}</a></p>
            <div class="fr-grid-row fr-grid-row--gutters login-halves">
                <div class="fr-col-12 fr-col-md-5">
                    <section class="login-card" aria-labelledby="login-title">
                        <h2 id="login-title" class="fr-h4">{i18n.t(Msg::LoginExistingTitle)}</h2>
                        <LoginForm/>
                    </section>
                </div>
                <div class="fr-col-12 fr-col-md-2 login-or" aria-hidden="true">
                    <p>{i18n.t(Msg::LoginOr)}</p>
                </div>
                <div class="fr-col-12 fr-col-md-5">
                    <section class="login-card" aria-labelledby="signup-title">
                        <h2 id="signup-title" class="fr-h4">{i18n.t(Msg::SignupTitle)}</h2>
                        <p>{i18n.t(Msg::SignupIntro)}</p>
                        <SignupForm/>
                    </section>
                </div>
            </div>
        </div>
    }
}

#[component]
fn LoginForm() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let identifier = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<Login>::new();

    Effect::new(move |_| match action.value().get() {
        Some(Ok(outcome)) => {
            let next = query
                .with_untracked(|q| q.get("retour"))
                .and_then(|back| safe_return_path(&back).map(str::to_owned))
                .filter(|_| outcome.next == paths::PROCEDURES)
                .unwrap_or(outcome.next);
            hard_navigate(&next);
        }
        Some(Err(error)) => errors.show_emptying(error, password),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, pw) = (identifier.get_untracked(), password.get_untracked());
        match validate_login(&id, &pw) {
            Ok(_) => {
                errors.clear();
                action.dispatch(Login { identifier: id, password: pw });
            }
            Err(field_errors) => errors.show_fields(field_errors),
        }
    };

    view! {
        <form on:submit=on_submit novalidate>
            <ErrorSummary form=errors prefix="login" labels=vec![("identifier", Msg::LoginIdentifier), ("password", Msg::LoginPassword)]/>
            <IdentifierInput id="login-identifier" value=identifier error=errors.field("identifier")/>
            <PasswordInput
                id="login-password"
                label=i18n.t(Msg::LoginPassword)
                value=password
                error=errors.field("password")
                autocomplete="current-password"
            />
            <p class="fr-mb-3w">
                <a class="fr-link" href=paths::FORGOT_PASSWORD>{i18n.t(Msg::LoginForgotPassword)}</a>
            </p>
            <SubmitButton label=i18n.t(Msg::LoginSubmit) pending=action.pending()/>
        </form>
    }
}

/// Ten digits, with room for the spaces people type between groups.
const IDENTIFIER_MAX: usize = 14;

/// The applicant's identifier (the foreigner number), as the login and the forgotten-password
/// forms ask for it.
#[component]
pub fn IdentifierInput(id: &'static str, value: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextInput
            id
            label=i18n.t(Msg::LoginIdentifier)
            hint=i18n.t(Msg::LoginIdentifierHint)
            value
            error
            autocomplete="username"
            inputmode="numeric"
            maxlength=IDENTIFIER_MAX
        />
    }
}

#[component]
fn SignupForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let ticket = expect_context::<SignupTicket>();
    let number = RwSignal::new(String::new());
    let from = DateParts::new();
    let to = DateParts::new();
    let errors = FormErrors::new();
    let action = ServerAction::<StartSignup>::new();

    Effect::new(move |_| match action.value().get() {
        Some(Ok(new_ticket)) => {
            ticket.0.set(Some(new_ticket));
            navigate(paths::SIGNUP_EMAIL, Default::default());
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (from_day, from_month, from_year) = from.get();
        let (to_day, to_month, to_year) = to.get();
        let input = DocumentCredentialInput { number: number.get_untracked(), from_day, from_month, from_year, to_day, to_month, to_year };
        match input.validate() {
            Ok(_) => {
                errors.clear();
                action.dispatch(StartSignup { input });
            }
            Err(field_errors) => errors.show_fields(field_errors),
        }
    };

    view! {
        <form on:submit=on_submit novalidate>
            <ErrorSummary
                form=errors
                prefix="signup"
                labels=vec![("number", Msg::SignupNumber), ("valid_from", Msg::SignupValidFrom), ("valid_to", Msg::SignupValidTo)]
            />
            <TextInput
                id="signup-number"
                label=i18n.t(Msg::SignupNumber)
                hint=i18n.t(Msg::SignupNumberHint)
                value=number
                error=errors.field("number")
                autocomplete="off"
                maxlength=20
            />
            <details class="fr-mb-3w signup-where">
                <summary>{i18n.t(Msg::SignupWhereTitle)}</summary>
                <p class="fr-text--sm">{i18n.t(Msg::SignupWhereTitleHolder)}</p>
                <p class="fr-text--sm">{i18n.t(Msg::SignupWhereVisa)}</p>
            </details>
            <DateInput id="signup-valid_from" legend=i18n.t(Msg::SignupValidFrom) parts=from error=errors.field("valid_from")/>
            <DateInput id="signup-valid_to" legend=i18n.t(Msg::SignupValidTo) parts=to error=errors.field("valid_to")/>
            <SubmitButton label=i18n.t(Msg::SignupSubmit) pending=action.pending()/>
        </form>
    }
}
