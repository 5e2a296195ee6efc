//! The frame of every page (DSFR header, footer, skip links, breadcrumb) and the session
//! resource that the header and the protected pages read.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::accounts::{paths, session_user, CurrentUser};
use crate::error::AppError;
use crate::i18n::{use_i18n, Lang, Msg};

/// The logged-in user, fetched once per page load (server-rendered, then hydrated).
#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<Option<CurrentUser>, AppError>>);

pub fn provide_session() {
    provide_context(Session(Resource::new_blocking(|| (), |_| session_user())));
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Full page load to `path`: used after login and logout so that every part of the page
/// (header, cached resources) reflects the new session.
pub fn hard_navigate(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Client-side navigation (the router's, without a page load), for handlers that run in the
/// browser. Nothing is kept while rendering on the server: a thread-local value made there
/// would be dropped on another thread of the server's runtime, which panics mid-response.
#[cfg(feature = "hydrate")]
type NavigateFn = Box<dyn Fn(&str, leptos_router::NavigateOptions)>;

#[derive(Clone, Copy)]
pub struct Navigator(#[cfg(feature = "hydrate")] StoredValue<NavigateFn, LocalStorage>);

impl Navigator {
    /// Call it while rendering (it reads the router from the context).
    pub fn new() -> Self {
        #[cfg(feature = "hydrate")]
        {
            let go = leptos_router::hooks::use_navigate();
            Navigator(StoredValue::new_local(Box::new(move |path: &str, options| go(path, options))))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Navigator()
        }
    }

    pub fn go(self, path: &str) {
        #[cfg(feature = "hydrate")]
        self.0.with_value(|go| go(path, leptos_router::NavigateOptions::default()));
        #[cfg(not(feature = "hydrate"))]
        let _ = path;
    }
}

impl Default for Navigator {
    fn default() -> Self {
        Self::new()
    }
}

/// Encodes a value for a URL query string.
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[component]
pub fn SkipLinks() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label=i18n.t(Msg::SkipLinksLabel)>
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">{i18n.t(Msg::SkipToContent)}</a></li>
                    <li><a class="fr-link" href="#navigation">{i18n.t(Msg::SkipToMenu)}</a></li>
                    <li><a class="fr-link" href="#footer">{i18n.t(Msg::SkipToFooter)}</a></li>
                </ul>
            </nav>
        </div>
    }
}

/// The Ministry block (text only: the official Marianne artwork and font are not shipped).
#[component]
fn Logo() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="fr-logo">{i18n.t(Msg::Ministry)}</p> }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let menu_open = RwSignal::new(false);
    let location = use_location();
    // Close the mobile menu whenever the page changes.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo"><Logo/></div>
                                <div class="fr-header__navbar">
                                    <button
                                        class="fr-btn--menu fr-btn"
                                        id="header-menu-button"
                                        aria-controls="header-menu"
                                        aria-haspopup="menu"
                                        aria-expanded=move || menu_open.get().to_string()
                                        on:click=move |_| menu_open.set(true)
                                    >
                                        {i18n.t(Msg::Menu)}
                                    </button>
                                </div>
                            </div>
                            <div class="fr-header__service">
                                <a href="/" title=i18n.t(Msg::HomeLinkTitle)>
                                    <p class="fr-header__service-title">{i18n.t(Msg::ServiceName)}</p>
                                </a>
                                <p class="fr-header__service-tagline">{i18n.t(Msg::ServiceTagline)}</p>
                            </div>
                        </div>
                        <div class="fr-header__tools">
                            <div class="fr-header__tools-links">
                                <HeaderTools place="header"/>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div
                class="fr-header__menu fr-modal"
                class:fr-modal--opened=move || menu_open.get()
                id="header-menu"
                aria-labelledby="header-menu-button"
            >
                <div class="fr-container">
                    <button class="fr-btn--close fr-btn" aria-controls="header-menu" on:click=move |_| menu_open.set(false)>
                        {i18n.t(Msg::CloseMenu)}
                    </button>
                    <div class="fr-header__menu-links">
                        <HeaderTools place="menu"/>
                    </div>
                    <MainNav/>
                </div>
            </div>
        </header>
    }
}

#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = move |prefix: &'static str| {
        let path = location.pathname.get();
        let active = if prefix == "/" { path == "/" } else { path.starts_with(prefix) };
        active.then_some("page")
    };
    view! {
        <nav class="fr-nav" id="navigation" role="navigation" aria-label=i18n.t(Msg::MainNavLabel)>
            <ul class="fr-nav__list">
                <li class="fr-nav__item">
                    <a class="fr-nav__link" href="/" aria-current=move || current("/")>{i18n.t(Msg::NavHome)}</a>
                </li>
                <li class="fr-nav__item">
                    <a class="fr-nav__link" href=paths::PROCEDURES aria-current=move || current(paths::PROCEDURES)>
                        {i18n.t(Msg::NavRequestTitle)}
                    </a>
                </li>
                <li class="fr-nav__item">
                    <a class="fr-nav__link" href="/aide" aria-current=move || current("/aide")>{i18n.t(Msg::FooterHelp)}</a>
                </li>
            </ul>
        </nav>
    }
}

/// Contact, help, language and account links (shown in the header on large screens and in
/// the menu on phones).
#[component]
fn HeaderTools(
    /// Distinguishes the two copies (desktop header, phone menu) so their ids stay unique.
    place: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let other = match i18n.lang() {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let switch_href = move || {
        let search = location.search.get();
        let here = if search.is_empty() { location.pathname.get() } else { format!("{}?{}", location.pathname.get(), search) };
        format!("/langue/{}?retour={}", other.code(), url_encode(&here))
    };
    let switch_label = match other {
        Lang::En => "Switch the language to English",
        Lang::Fr => "Passer le site en français",
    };
    view! {
        <ul class="fr-btns-group">
            <li><a class="fr-btn fr-icon-mail-line fr-btn--icon-left" href="/contact">{i18n.t(Msg::ContactUs)}</a></li>
            <li><a class="fr-btn fr-icon-question-line fr-btn--icon-left" href="/aide">{i18n.t(Msg::NeedHelp)}</a></li>
            <li>
                <a class="fr-btn fr-icon-translate-2 fr-btn--icon-left" href=switch_href hreflang=other.code() lang=other.code() aria-label=switch_label rel="alternate external">
                    {other.native_name()}
                </a>
            </li>
            <Transition fallback=|| ()>
                {move || session.0.get().map(|user| match user {
                    Ok(Some(user)) => view! { <NotificationBell unread=user.unread_notifications/> <UserMenu user place/> }.into_any(),
                    _ => view! {
                        <li><a class="fr-btn fr-icon-account-circle-line fr-btn--icon-left" href=paths::LOGIN>{i18n.t(Msg::LogIn)}</a></li>
                    }.into_any(),
                })}
            </Transition>
        </ul>
    }
}

/// The header bell: the notifications page, with the unread count (spoken in the link's name).
#[component]
fn NotificationBell(unread: u64) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        if unread > 0 { i18n.fill(Msg::AccountBellUnread, &[("count", &unread.to_string())]) } else { i18n.t(Msg::AccountBell).to_owned() };
    view! {
        <li>
            <a class="fr-btn fr-icon-notification-3-line fr-btn--icon-left notification-bell" href=paths::NOTIFICATIONS aria-label=label.clone() title=label>
                {i18n.t(Msg::AccountBell)}
                {(unread > 0).then(|| view! { <span class="notification-bell__count" aria-hidden="true">{unread}</span> })}
            </a>
        </li>
    }
}

#[component]
fn UserMenu(user: CurrentUser, place: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let list_id = format!("user-menu-list-{place}");
    let open = RwSignal::new(false);
    let logout_action = ServerAction::<crate::accounts::Logout>::new();
    Effect::new(move |_| {
        if logout_action.value().get().is_some() {
            hard_navigate("/");
        }
    });
    let on_logout = move |_| {
        logout_action.dispatch(crate::accounts::Logout {});
    };
    view! {
        <li class="user-menu">
            <button
                class="fr-btn fr-icon-account-circle-line fr-btn--icon-left user-menu__button"
                aria-expanded=move || open.get().to_string()
                aria-controls=list_id.clone()
                title=i18n.t(Msg::UserMenuLabel)
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {user.display_name.clone()}
            </button>
            <ul class="user-menu__list" id=list_id hidden=move || !open.get()>
                <li><a class="fr-link" href=paths::ACCOUNT>{i18n.t(Msg::MyAccount)}</a></li>
                <li><a class="fr-link" href=paths::PROCEDURES>{i18n.t(Msg::MyProcedures)}</a></li>
                <li>
                    <button class="fr-link user-menu__logout" type="button" on:click=on_logout>
                        {i18n.t(Msg::LogOut)}
                    </button>
                </li>
            </ul>
        </li>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="fr-footer" role="contentinfo" id="footer">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand fr-enlarge-link">
                        <a href="/" title=i18n.t(Msg::HomeLinkTitle)><Logo/></a>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">{i18n.t(Msg::FooterDescription)}</p>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/contact">{i18n.t(Msg::FooterContact)}</a></li>
                        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/aide">{i18n.t(Msg::FooterHelp)}</a></li>
                        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/accessibilite">{i18n.t(Msg::FooterAccessibility)}</a></li>
                        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales">{i18n.t(Msg::FooterLegal)}</a></li>
                        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/donnees-personnelles">{i18n.t(Msg::FooterPrivacy)}</a></li>
                    </ul>
                </div>
            </div>
        </footer>
    }
}

/// "Vous êtes ici" trail. The last item is the current page.
#[component]
pub fn Breadcrumb(items: Vec<(Msg, Option<&'static str>)>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let last = items.len().saturating_sub(1);
    let links = items
        .into_iter()
        .enumerate()
        .map(|(index, (label, href))| {
            let text = i18n.t(label);
            if index == last {
                view! { <li><a class="fr-breadcrumb__link" aria-current="page">{text}</a></li> }.into_any()
            } else {
                view! { <li><a class="fr-breadcrumb__link" href=href.unwrap_or("/")>{text}</a></li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label=i18n.t(Msg::BreadcrumbLabel)>
            <button
                class="fr-breadcrumb__button"
                aria-expanded=move || open.get().to_string()
                aria-controls="breadcrumb-list"
                on:click=move |_| open.set(true)
            >
                {i18n.t(Msg::BreadcrumbShow)}
            </button>
            <div class="fr-collapse" class:fr-collapse--expanded=move || open.get() id="breadcrumb-list">
                <ol class="fr-breadcrumb__list">{links}</ol>
            </div>
        </nav>
    }
}

/// The breadcrumb of a page reached from home through `trail`: home, the trail, the page.
#[component]
pub fn BreadcrumbTrail(title: Msg, trail: Vec<(Msg, &'static str)>) -> impl IntoView {
    let mut items = vec![(Msg::NavHome, Some("/"))];
    items.extend(trail.into_iter().map(|(label, path)| (label, Some(path))));
    items.push((title, None));
    view! { <Breadcrumb items/> }
}

/// A page of one narrow column (the account and password forms): its title in the tab and as
/// the heading, the breadcrumb when there is one, and the content.
#[component]
pub fn NarrowPage(
    title: Msg,
    /// The pages between home and this one, for a breadcrumb; none for a page outside any path.
    #[prop(optional)]
    trail: Option<Vec<(Msg, &'static str)>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title/>
        <div class="fr-container fr-my-4w">
            {trail.map(|trail| view! { <BreadcrumbTrail title trail/> })}
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                    <h1>{i18n.t(title)}</h1>
                    {children()}
                </div>
            </div>
        </div>
    }
}

/// The page title in the browser tab: "<page> – Étrangers en France".
#[component]
pub fn PageTitle(title: Msg) -> impl IntoView {
    let i18n = use_i18n();
    let text = format!("{} – {}", i18n.t(title), i18n.t(Msg::ServiceName));
    view! { <leptos_meta::Title text/> }
}
