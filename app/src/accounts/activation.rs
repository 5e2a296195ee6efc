//! The page behind the link of the confirmation e-mail. Nothing is consumed by merely opening
//! it (mail scanners open links); the user's click does.

use leptos::prelude::*;

use super::{below_login, paths, read_activation_link, ActivationLink, ConfirmVisaEmail, CreatePassword};
use crate::components::forms::{ErrorSummary, FormErrors, NewPassword, NewPasswordFields, SubmitButton};
use crate::i18n::{use_i18n, Msg};
use crate::layout::{hard_navigate, NarrowPage};

#[component]
pub fn ActivationPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = super::link_token();
    let link = Resource::new(token, read_activation_link);
    view! {
        <NarrowPage title=Msg::ActivationTitle trail=below_login()>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || link.get().map(|result| match result {
                    Ok(ActivationLink::CreatePassword { numero_etranger }) => {
                        view! { <CreatePasswordForm token=token() numero_etranger/> }.into_any()
                    }
                    Ok(ActivationLink::ConfirmVisaEmail) => view! { <ConfirmVisaForm token=token()/> }.into_any(),
                    Err(error) => view! { <InvalidLink message=error.message(i18n.lang())/> }.into_any(),
                })}
            </Suspense>
        </NarrowPage>
    }
}

#[component]
fn InvalidLink(message: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <p>{message}</p>
        </div>
        <p>{i18n.t(Msg::ActivationInvalidHelp)}</p>
        <a class="fr-btn" href=paths::LOGIN>{i18n.t(Msg::SignupStartAgain)}</a>
    }
}

#[component]
fn CreatePasswordForm(token: String, numero_etranger: String) -> impl IntoView {
    let i18n = use_i18n();
    let new_password = NewPassword::new();
    let errors = FormErrors::new();
    let action = ServerAction::<CreatePassword>::new();
    let token = StoredValue::new(token);
    let identifier = numero_etranger.clone();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((password, password_confirmation)) = new_password.checked(errors) {
            action.dispatch(CreatePassword { token: token.get_value(), password, password_confirmation });
        }
    };
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            errors.show(error);
        }
    });

    view! {
        <Show
            when=move || !matches!(action.value().get(), Some(Ok(_)))
            fallback=move || view! { <AccountCreatedPage identifier=identifier.clone()/> }
        >
            <p>{i18n.t(Msg::ActivationPasswordIntro)}</p>
            <p><strong>{i18n.fill(Msg::ActivationIdentifierIs, &[("numero", &numero_etranger)])}</strong></p>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form=errors prefix="activation" labels=NewPassword::LABELS.to_vec()/>
                <input type="text" name="username" autocomplete="username" value=numero_etranger.clone() hidden=true readonly=true aria-hidden="true" tabindex="-1"/>
                <NewPasswordFields prefix="activation" fields=new_password errors/>
                <SubmitButton label=i18n.t(Msg::CreatePasswordSubmit) pending=action.pending()/>
            </form>
        </Show>
    }
}

/// "Votre compte a bien été créé", with the identifier to log in with.
#[component]
pub fn AccountCreatedPage(identifier: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
            <h2 class="fr-alert__title">{i18n.t(Msg::AccountCreatedTitle)}</h2>
            <p>{i18n.t(Msg::AccountCreatedText)}</p>
        </div>
        <p><strong>{i18n.fill(Msg::ActivationIdentifierIs, &[("numero", &identifier)])}</strong></p>
        <a class="fr-btn" href=paths::LOGIN>{i18n.t(Msg::LogIn)}</a>
    }
}

#[component]
fn ConfirmVisaForm(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new();
    let action = ServerAction::<ConfirmVisaEmail>::new();
    let token = StoredValue::new(token);
    Effect::new(move |_| match action.value().get() {
        // Seed 003: the visa holder lands on the page to file an application.
        Some(Ok(())) => hard_navigate(crate::filing::paths::NEW),
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        action.dispatch(ConfirmVisaEmail { token: token.get_value() });
    };
    view! {
        <p>{i18n.t(Msg::ActivationVisaIntro)}</p>
        <form on:submit=on_submit>
            <ErrorSummary form=errors prefix="activation" labels=vec![]/>
            <SubmitButton label=i18n.t(Msg::ActivationVisaSubmit) pending=action.pending()/>
        </form>
    }
}
