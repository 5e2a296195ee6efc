//! The ANEF séjour web application: pages, server functions and the shared domain.
//!
//! - [`domain`]: rules as plain Rust (compiled into the browser bundle and the server).
//! - [`i18n`]: French and English texts.
//! - [`accounts`], [`home`], [`help`], [`procedures`]: features, each with its server functions
//!   and pages.
//! - `backend` (server only): the services the server crate implements.

#![recursion_limit = "512"]

pub mod accounts;
pub mod appointments;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod corrections;
pub mod domain;
pub mod error;
pub mod filing;
pub mod help;
pub mod home;
pub mod i18n;
pub mod instruction;
pub mod lawful_stay;
pub mod layout;
pub mod messages;
mod pages;
pub mod procedures;
pub mod tracker;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;
use leptos_router::SsrMode;

use crate::i18n::{use_i18n, I18n, Lang, Msg};
use crate::layout::{Footer, Header, PageTitle, SkipLinks};

/// The HTML document around the application (server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = page_lang();
    #[cfg(feature = "ssr")]
    backend::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() data-fr-scheme="light">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="format-detection" content="telephone=no"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href="/dsfr/dsfr.css"/>
                <link rel="stylesheet" id="leptos" href="/pkg/anef.css"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of the page being rendered: from the request on the server, from the
/// `<html lang>` the server wrote when hydrating.
fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        backend::request_ctx().map(|ctx| ctx.lang).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(I18n(page_lang()));
    layout::provide_session();
    accounts::SignupTicket::provide();

    view! {
        <Router>
            <SkipLinks/>
            <Header/>
            // Pages behind a login are rendered whole before answering (SsrMode::Async), so that
            // a redirect to the login page is a real HTTP redirect.
            <main id="contenu" role="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::HomePage/>
                    <Route path=path!("/connexion") view=accounts::LoginPage/>
                    <Route path=path!("/compte/creation") view={Lazy::<pages::SignupEmail>::new()}/>
                    <Route path=path!("/compte/creation/enregistree") view={Lazy::<pages::SignupDone>::new()}/>
                    <Route path=path!("/compte/activation") view={Lazy::<pages::Activation>::new()}/>
                    <Route path=path!("/mot-de-passe/oublie") view={Lazy::<pages::ForgotPassword>::new()}/>
                    <Route path=path!("/mot-de-passe/reinitialiser") view={Lazy::<pages::ResetPassword>::new()}/>
                    <Route path=path!("/mot-de-passe/modifier") view={Lazy::<pages::ChangePassword>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/demarches") view={Lazy::<pages::Procedures>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/demarches/nouvelle") view={Lazy::<pages::Orientation>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/demarches/valider-vls-ts") view={Lazy::<pages::VisaValidation>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/demarches/demande/:id/complement") view={Lazy::<pages::Complement>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/demarches/demande/:id/:etape") view={Lazy::<pages::Wizard>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/agent/connexion") view={Lazy::<pages::AgentLogin>::new()}/>
                    <Route path=path!("/agent/mot-de-passe") view={Lazy::<pages::AgentPassword>::new()}/>
                    <Route path=path!("/agent/code") view={Lazy::<pages::AgentCode>::new()}/>
                    <Route path=path!("/agent/double-authentification") view={Lazy::<pages::AgentTwoStep>::new()}/>
                    <Route path=path!("/agent") view={Lazy::<pages::Queue>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/agent/dossiers/:id") view={Lazy::<pages::AgentFile>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/agent/rendez-vous") view={Lazy::<pages::AgentAppointments>::new()} ssr=SsrMode::Async/>
                    // Applicant's account
                    <Route path=path!("/compte") view={Lazy::<pages::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/demandes/:id/messages") view={Lazy::<pages::Messages>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/demandes/:id/rendez-vous") view={Lazy::<pages::Booking>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/demandes/:id/correction") view={Lazy::<pages::Correction>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/notifications") view={Lazy::<pages::Notifications>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/notifications/:id") view={Lazy::<pages::OpenNotification>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/courriel/confirmer") view={Lazy::<pages::ConfirmEmail>::new()}/>
                    // Back-office administration
                    <Route path=path!("/agent/administration") view={Lazy::<pages::AgentAdmin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/aide") view={Lazy::<pages::Help>::new()}/>
                    <Route path=path!("/aide/mon-cas") view={Lazy::<pages::WhichCase>::new()}/>
                    <Route path=path!("/verifier") view={Lazy::<pages::Verify>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/delais") view={Lazy::<pages::Delays>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contact") view={Lazy::<pages::Contact>::new()}/>
                    <Route path=path!("/mentions-legales") view={Lazy::<pages::Legal>::new()}/>
                    <Route path=path!("/donnees-personnelles") view={Lazy::<pages::Privacy>::new()}/>
                    <Route path=path!("/accessibilite") view={Lazy::<pages::Accessibility>::new()}/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle title=Msg::NotFoundTitle/>
        <div class="fr-container fr-my-7w">
            <h1>{i18n.t(Msg::NotFoundTitle)}</h1>
            <p class="fr-text--lead">{i18n.t(Msg::NotFoundText)}</p>
            <a class="fr-btn" href="/">{i18n.t(Msg::BackHome)}</a>
        </div>
    }
}
