//! The applicant's filing area ("Mes démarches"). Until the filing wizard opens, it welcomes
//! the applicant and says what comes next.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::accounts::paths;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{use_session, Breadcrumb, PageTitle};

/// Renders `children` for a logged-in applicant; otherwise sends to the login page (or to the
/// password change when a temporary password must be replaced first).
#[component]
pub fn RequireApplicant(return_to: &'static str, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || session.0.get().map(|user| match user {
                Ok(Some(user)) if user.must_change_password => view! { <Redirect path=paths::CHANGE_PASSWORD/> }.into_any(),
                Ok(Some(_)) => children.with_value(|c| c()).into_any(),
                _ => view! { <Redirect path=format!("{}?retour={}", paths::LOGIN, return_to)/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn ProceduresPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <PageTitle title=Msg::ProceduresTitle/>
        <RequireApplicant return_to=paths::PROCEDURES>
            <div class="fr-container fr-my-4w">
                <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (Msg::ProceduresTitle, None)]/>
                <h1>{i18n.t(Msg::ProceduresTitle)}</h1>
                {move || session.0.get().and_then(|u| u.ok().flatten()).map(|user| view! {
                    <p class="fr-text--lead">{i18n.fill(Msg::ProceduresWelcome, &[("name", &user.display_name)])}</p>
                    {(!user.has_numero_etranger).then(|| view! {
                        <div class="fr-notice fr-notice--info fr-mb-3w">
                            <div class="fr-container"><div class="fr-notice__body">
                                <p class="fr-notice__title">{i18n.t(Msg::ProceduresVisaHolderNote)}</p>
                            </div></div>
                        </div>
                    })}
                })}
                <section class="fr-mt-4w" aria-labelledby="start-title">
                    <h2 id="start-title">{i18n.t(Msg::ProceduresStartTitle)}</h2>
                    <p>{i18n.t(Msg::ProceduresStartText)}</p>
                    <div class="fr-alert fr-alert--info"><p>{i18n.t(Msg::ProceduresNotOpenYet)}</p></div>
                </section>
            </div>
        </RequireApplicant>
    }
}
