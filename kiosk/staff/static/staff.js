// The staff page: the queue, live from the kiosk (server-sent events), and the buttons.
// Plain JavaScript, no library: every file comes from the kiosk, the room may have no
// internet. Text from the server is only ever set as textContent, never as HTML.
"use strict";

(function () {
  const list = document.getElementById("questions");
  if (!list) {
    const pin = document.querySelector("input[name=pin]");
    if (pin) pin.focus();
    return;  // the login or set-up page: nothing live here
  }
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const device = document.querySelector(".device strong").textContent;
  const live = document.getElementById("live");
  const empty = document.getElementById("empty");
  const problem = document.getElementById("problem");
  const toggle = document.getElementById("alert-toggle");
  const ALERT_KEY = "staff.alert";
  let state = null;
  let receivedAt = 0;
  let known = null;          // numbers seen before: a new one chimes
  let audio = null;

  toggle.checked = localStorage.getItem(ALERT_KEY) !== "off";
  toggle.addEventListener("change", () => {
    localStorage.setItem(ALERT_KEY, toggle.checked ? "on" : "off");
    if (toggle.checked) chime();  // a tap is what lets a phone play sound at all
  });

  function chime() {
    // Two short tones from the Web Audio API: no sound file to fetch.
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
      const start = audio.currentTime;
      [[880, 0], [1175, 0.16]].forEach(([frequency, offset]) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
        tone.connect(gain).connect(audio.destination);
        tone.start(start + offset);
        tone.stop(start + offset + 0.32);
      });
    } catch (error) { /* no sound on this browser: the row still appears */ }
  }

  function alertNew() {
    if (!toggle.checked) return;
    chime();
    if (navigator.vibrate) {
      try { navigator.vibrate([120, 80, 120]); } catch (error) { /* not allowed here */ }
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(action, label, number) {
    const node = element("button", "", label);
    node.type = "button";
    node.dataset.action = action;
    node.dataset.number = number;
    return node;
  }

  function minutesText(question) {
    const seconds = question.waiting_seconds + (Date.now() - receivedAt) / 1000;
    const minutes = Math.floor(seconds / 60);
    return minutes < 1 ? "net binnen" : `${minutes} min`;
  }

  function row(question) {
    const item = element("li", "question");
    if (question.helped) {
      item.classList.add("helped");
      item.dataset.helpedNumber = question.number;
      item.appendChild(element("span", "number", String(question.number)));
      item.appendChild(element("span", "helped-note", `Geholpen (${question.topic_name})`));
      const left = question.undo_seconds - (Date.now() - receivedAt) / 1000;
      if (left > 0) {
        const actions = element("div", "actions");
        actions.appendChild(button("undo", "Ongedaan maken", question.number));
        item.appendChild(actions);
      }
      return item;
    }
    item.dataset.queueNumber = question.number;
    if (question.claimed_by) item.classList.add("claimed");
    item.appendChild(element("span", "number", String(question.number)));
    const what = element("div", "what");
    const picture = element("img");
    picture.src = `/pictograms/${encodeURIComponent(question.pictogram)}.png`;
    picture.alt = "";
    what.appendChild(picture);
    what.appendChild(element("span", "topic", question.topic_name));
    const language = element("span", "language");
    const own = element("span", "own", question.language_own);
    own.lang = question.language;
    own.dir = question.rtl ? "rtl" : "ltr";
    language.appendChild(own);
    if (question.language_nl !== question.language_own) {
      language.appendChild(element("span", "nl", ` · ${question.language_nl}`));
    }
    what.appendChild(language);
    const meta = element("span", "meta");
    meta.appendChild(element("span", "minutes", minutesText(question)));
    meta.appendChild(document.createTextNode(` · sinds ${question.asked}`));
    if (question.claimed_by) {
      meta.appendChild(document.createTextNode(" · "));
      const mine = question.claimed_by === device;
      meta.appendChild(element("span", "by", mine ? "jij helpt" : `${question.claimed_by} helpt`));
    }
    what.appendChild(meta);
    item.appendChild(what);
    const actions = element("div", "actions");
    if (question.claimed_by === device) {
      actions.appendChild(button("unclaim", "Toch niet", question.number));
    } else {
      actions.appendChild(button("claim", "Ik help", question.number));
    }
    actions.appendChild(button("helped", "Geholpen", question.number));
    item.appendChild(actions);
    return item;
  }

  function renderToday(today) {
    document.getElementById("today-checkins").textContent = today.checkins;
    document.getElementById("today-cards").textContent = today.different_cards;
    document.getElementById("today-volunteers").textContent = today.volunteers_on_shift;
    document.getElementById("today-questions").textContent = today.questions;
    const activities = document.getElementById("today-activities");
    activities.replaceChildren();
    if (!today.activities.length) {
      activities.appendChild(element("li", "none", "Nog niemand binnengekomen."));
    }
    today.activities.forEach((activity) => {
      const item = element("li");
      if (activity.pictogram) {
        const picture = element("img");
        picture.src = `/pictograms/${encodeURIComponent(activity.pictogram)}.png`;
        picture.alt = "";
        item.appendChild(picture);
      }
      item.appendChild(element("span", "name", activity.name));
      item.appendChild(element("span", "count", String(activity.checkins)));
      activities.appendChild(item);
    });
  }

  function clockFace() {
    // What changes with time alone: re-drawn only when this does, so a row is never
    // replaced under a finger for nothing.
    return state.queue.map((q) => q.helped
      ? q.undo_seconds - (Date.now() - receivedAt) / 1000 > 0 : minutesText(q)).join("|");
  }

  let drawnFace = "";
  function render() {
    if (!state) return;
    drawnFace = clockFace();
    list.replaceChildren(...state.queue.map(row));
    empty.hidden = state.queue.some((q) => !q.helped);
    renderToday(state.today);
  }

  function accept(next) {
    const numbers = new Set(next.queue.filter((q) => !q.helped).map((q) => q.number));
    const fresh = known !== null && [...numbers].some((n) => !known.has(n));
    known = new Set([...(known || []), ...numbers]);
    state = next;
    receivedAt = Date.now();
    render();
    if (fresh) alertNew();
  }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = !text;
    if (text) setTimeout(() => { if (problem.textContent === text) problem.hidden = true; }, 6000);
  }

  list.addEventListener("click", async (event) => {
    const target = event.target.closest("button[data-action]");
    if (!target) return;
    target.disabled = true;
    try {
      const response = await fetch(
        `/api/questions/${target.dataset.number}/${target.dataset.action}`,
        { method: "POST", headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" });
      if (response.status === 401) { location.reload(); return; }
      const answer = await response.json().catch(() => ({}));
      if (answer.state) accept(answer.state);
      showProblem(response.ok ? "" : (answer.error || "Dat lukte niet."));
    } catch (error) {
      showProblem("Geen verbinding met de kiosk.");
    } finally {
      target.disabled = false;
    }
  });

  function connect() {
    const events = new EventSource("/api/events");
    events.addEventListener("open", () => {
      live.dataset.state = "live";
      live.textContent = "Live";
    });
    events.addEventListener("state", (event) => accept(JSON.parse(event.data)));
    events.addEventListener("logout", () => { events.close(); location.reload(); });
    events.addEventListener("error", () => {
      live.dataset.state = "lost";
      live.textContent = "Verbinding weg…";
      if (events.readyState === EventSource.CLOSED) {
        // Refused (the session ended, the kiosk restarted): the page decides what next.
        setTimeout(() => location.reload(), 3000);
      }
    });
  }

  // Minutes waiting and the undo buttons' 10 seconds run on between updates.
  setInterval(() => { if (state && clockFace() !== drawnFace) render(); }, 1000);
  connect();
})();
