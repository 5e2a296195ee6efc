//! The home page: what the service does and where to start.

use leptos::prelude::*;

use crate::accounts::paths;
use crate::i18n::{use_i18n, Msg};
use crate::layout::{use_session, PageTitle};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // A logged-in holder is told when the title expires and when to renew it (a visitor's
    // request is refused, and nothing is shown).
    let notice = crate::lawful_stay::notice::renewal_notice_resource();
    view! {
        <PageTitle title=Msg::NavHome/>
        <div class="fr-container fr-my-6w">
            <h1>{i18n.t(Msg::HomeTitle)}</h1>
            <Suspense fallback=|| ()>
                {move || session.0.get().and_then(|user| user.ok().flatten()).map(|user| view! {
                    <p class="fr-text--lead">{i18n.fill(Msg::HomeGreeting, &[("name", &user.display_name)])}</p>
                })}
            </Suspense>
            <crate::lawful_stay::notice::RenewalNoticeLoader notice/>
            <p class="fr-text--lead">{i18n.t(Msg::HomeIntro)}</p>
            <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
                // Seed 004's two tiles, in its order.
                <Tile title=Msg::HomeTileVisaTitle desc=Msg::HomeTileVisaDesc href=crate::filing::paths::VISA_VALIDATION icon="home-tile--visa"/>
                <Tile title=Msg::HomeTileRequestTitle desc=Msg::HomeTileRequestDesc href=paths::PROCEDURES icon="home-tile--request"/>
                // A logged-in applicant has an account already: the tile leads to it instead.
                <Suspense fallback=|| view! { <AccountTile logged_in=false/> }>
                    {move || {
                        let logged_in = session.0.get().and_then(|user| user.ok().flatten()).is_some();
                        view! { <AccountTile logged_in/> }
                    }}
                </Suspense>
                <Tile title=Msg::HomeTileHelpTitle desc=Msg::HomeTileHelpDesc href="/aide" icon="home-tile--help"/>
            </div>
        </div>
    }
}

#[component]
fn AccountTile(logged_in: bool) -> impl IntoView {
    if logged_in {
        view! { <Tile title=Msg::HomeTileMyAccountTitle desc=Msg::HomeTileMyAccountDesc href=crate::domain::notifications::paths::ACCOUNT icon="home-tile--account"/> }
    } else {
        view! { <Tile title=Msg::HomeTileAccountTitle desc=Msg::HomeTileAccountDesc href=paths::LOGIN icon="home-tile--account"/> }
    }
}

#[component]
fn Tile(title: Msg, desc: Msg, href: &'static str, icon: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <div class=format!("fr-tile fr-enlarge-link home-tile {icon}")>
                <div class="fr-tile__body">
                    <div class="fr-tile__content">
                        <h2 class="fr-tile__title"><a href=href>{i18n.t(title)}</a></h2>
                        <p class="fr-tile__desc">{i18n.t(desc)}</p>
                    </div>
                </div>
            </div>
        </div>
    }
}
