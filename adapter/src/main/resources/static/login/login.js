// DataIVR sign-in page. The form posts to /login with the CSRF token of cookie XSRF-TOKEN; the
// server answers with a redirect: the person's page, or /login?error=bad|locked|unavailable|expired|csrf.
// Every text is set with textContent.

const TEXT = {
  en: {
    title: "Sign in · DataIVR",
    language: "Language",
    heading: "Sign in",
    lead: "Agents, supervisors and administrators of the contact centre.",
    username: "User name",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    missing: "Enter your user name and password.",
    help: "Forgot your password or locked out? Ask your administrator.",
    signedInAs: "Signed in as",
    continue: "Continue",
    signOut: "Sign out",
    bad: "Wrong user name or password. After several wrong passwords in a row the user is locked for a while.",
    locked: (minutes) => `Too many wrong passwords: this user is locked. Try again in ${minutes} minute${minutes === "1" ? "" : "s"}, or ask your administrator.`,
    lockedSoon: "Too many wrong passwords: this user is locked for a while. Try again later, or ask your administrator.",
    unavailable: "Passwords cannot be checked right now. Try again in a moment.",
    expired: "Your session has ended (timed out or signed out elsewhere). Sign in again.",
    csrf: "This page was out of date. Please try again.",
    signedOut: "You are signed out.",
  },
  "zh-CN": {
    title: "登录 · DataIVR",
    language: "语言",
    heading: "登录",
    lead: "供呼叫中心的坐席、班长和管理员使用。",
    username: "用户名",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    missing: "请输入用户名和密码。",
    help: "忘记密码或账号被锁定？请联系管理员。",
    signedInAs: "已登录：",
    continue: "继续",
    signOut: "退出登录",
    bad: "用户名或密码错误。连续多次输错密码后，该用户会被暂时锁定。",
    locked: (minutes) => `密码错误次数过多，该用户已被锁定。请在 ${minutes} 分钟后重试，或联系管理员。`,
    lockedSoon: "密码错误次数过多，该用户已被暂时锁定。请稍后重试，或联系管理员。",
    unavailable: "暂时无法验证密码，请稍后再试。",
    expired: "您的会话已结束（超时或已在别处退出），请重新登录。",
    csrf: "页面已过期，请重试。",
    signedOut: "您已退出登录。",
  },
};

const STORAGE_KEY = "dataivr.language";
const params = new URLSearchParams(window.location.search);

function chooseLanguage() {
  const saved = safeStorage(() => window.localStorage.getItem(STORAGE_KEY));
  if (saved && TEXT[saved]) {
    return saved;
  }
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
  for (const tag of wanted) {
    if (String(tag).toLowerCase().startsWith("zh")) {
      return "zh-CN";
    }
    if (String(tag).toLowerCase().startsWith("en")) {
      return "en";
    }
  }
  return "en";
}

function safeStorage(read) {
  try {
    return read();
  } catch {
    return null;
  }
}

function csrfToken() {
  for (const part of document.cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === "XSRF-TOKEN") {
      return decodeURIComponent(value.join("="));
    }
  }
  return "";
}

function fillCsrf() {
  const token = csrfToken();
  for (const field of document.querySelectorAll('input[name="_csrf"]')) {
    field.value = token;
  }
}

let language = chooseLanguage();

function render() {
  const text = TEXT[language];
  document.documentElement.lang = language;
  document.title = text.title;
  document.getElementById("language").value = language;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    const value = text[element.dataset.i18n];
    if (typeof value === "string") {
      element.textContent = value;
    }
  }
  const message = document.getElementById("message");
  const error = params.get("error");
  let said = null;
  if (error === "locked") {
    const minutes = params.get("minutes");
    said = minutes && /^\d{1,4}$/.test(minutes) ? text.locked(minutes) : text.lockedSoon;
  } else if (error && typeof text[error] === "string" && ["bad", "unavailable", "expired", "csrf"].includes(error)) {
    said = text[error];
  } else if (error) {
    said = text.bad;
  }
  message.hidden = said === null;
  message.textContent = said ?? "";
  const notice = document.getElementById("notice");
  notice.hidden = !params.has("signed-out");
  notice.textContent = params.has("signed-out") ? text.signedOut : "";
}

async function showWhoIsSignedIn() {
  try {
    const response = await fetch("/api/v1/me", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      return;
    }
    const me = await response.json();
    document.getElementById("who").textContent = me.name;
    const watches = me.roles.includes("supervisor") || me.roles.includes("admin");
    document.getElementById("continue").href = watches ? "/wallboard/" : "/agent/";
    document.getElementById("already").hidden = false;
    fillCsrf();
  } catch {
    // Not signed in or the adapter is away: the form is what the page is for.
  }
}

document.getElementById("language").addEventListener("change", (event) => {
  language = TEXT[event.target.value] ? event.target.value : "en";
  safeStorage(() => window.localStorage.setItem(STORAGE_KEY, language));
  render();
});

document.getElementById("signin").addEventListener("submit", (event) => {
  const form = event.currentTarget;
  const missing = !form.username.value.trim() || !form.password.value;
  document.getElementById("missing").hidden = !missing;
  if (missing) {
    event.preventDefault();
    (form.username.value.trim() ? form.password : form.username).focus();
    return;
  }
  fillCsrf();
  safeStorage(() => window.sessionStorage.setItem("dataivr.username", form.username.value.trim()));
  const button = document.getElementById("submit");
  button.disabled = true;
  button.textContent = TEXT[language].submitting;
});

document.getElementById("signout").addEventListener("submit", fillCsrf);

render();
fillCsrf();
const remembered = safeStorage(() => window.sessionStorage.getItem("dataivr.username"));
const username = document.getElementById("username");
if (remembered && params.has("error")) {
  username.value = remembered;
  document.getElementById("password").focus();
} else {
  username.focus();
}
showWhoIsSignedIn();

// Back from the next page (the browser's page cache): the button is usable again.
window.addEventListener("pageshow", () => {
  document.getElementById("submit").disabled = false;
  render();
});
