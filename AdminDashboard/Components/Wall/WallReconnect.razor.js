// The wall screen's reconnect handler. A TV has nobody to press "Retry", so this never waits for a click and never
// gives up: while the connection is down it probes the server every few seconds; once the server answers it rejoins
// the circuit, and when the circuit is gone (the server restarted, or dropped it) it reloads the page. Blazor's own
// attempts run alongside (its default spacing grows to 30 s, then it stops); whichever succeeds first wins.
// A page whose heartbeat stops (a circuit that died without a disconnect, a start that never finished) reloads too.
const dialog = document.getElementById("components-reconnect-modal");
const probeUrl = dialog.dataset.probe;
const probeEveryMs = 3000;
const watchEveryMs = 5000;
const missedBeats = 3;

let recovering = false;
let circuitGone = false;

dialog.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (state === "hide") {
        if (dialog.open) dialog.close();
        return;
    }
    if (!dialog.open) dialog.showModal();
    // "rejected": the server answered but does not know the circuit; "resume-failed": its state is gone too.
    if (state === "rejected" || state === "resume-failed") circuitGone = true;
    recover();
});

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function serverAnswers() {
    try {
        const response = await fetch(probeUrl, { cache: "no-store" });
        return response.ok;
    } catch {
        return false;
    }
}

async function recover() {
    if (recovering) return;
    recovering = true;
    try {
        for (;;) {
            await sleep(probeEveryMs);
            // Blazor's own attempt got there first.
            if (!dialog.open && !circuitGone) return;
            // Never reload into a server that is not there: the browser's error page has no script to try again.
            if (!await serverAnswers()) continue;
            if (!circuitGone) {
                try {
                    if (await Blazor.reconnect()) return;
                    if (await Blazor.resumeCircuit()) return;
                } catch {
                    // Gone again between the probe and the reconnect: keep probing.
                    continue;
                }
            }
            location.reload();
            return;
        }
    } finally {
        recovering = false;
    }
}

// The page moves data-heartbeat on every chart turn; a beat missed several times over means the page is not live.
let lastBeat = null;
let lastChange = Date.now();
setInterval(() => {
    const page = document.querySelector("[data-heartbeat]");
    if (!page) return;
    const beat = `${page.dataset.heartbeat}|${page.dataset.interactive}`;
    if (beat !== lastBeat) {
        lastBeat = beat;
        lastChange = Date.now();
        return;
    }
    const periodMs = Number(page.dataset.heartbeatSeconds || 20) * 1000;
    if (Date.now() - lastChange > missedBeats * periodMs + watchEveryMs && !recovering) {
        circuitGone = true;
        recover();
    }
}, watchEveryMs);
