// Building DOM from data: text always goes in as textContent, never as HTML.

export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "on") Object.entries(value).forEach(([type, fn]) => node.addEventListener(type, fn));
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

// One action at a time per button: a second click while the first is running does nothing.
export function action(id, run) {
  const button = $(id);
  button.addEventListener("click", async () => {
    if (button.dataset.busy) return;
    button.dataset.busy = "true";
    button.setAttribute("aria-busy", "true");
    try {
      await run();
    } finally {
      delete button.dataset.busy;
      button.removeAttribute("aria-busy");
    }
  });
}

// Opens every closed <details> around a node, so that the node can be seen and focused.
export function reveal(node) {
  for (let box = node.closest("details:not([open])"); box; box = box.closest("details:not([open])")) box.open = true;
}

// A label only screen readers hear (e.g. which row a "移除" button removes).
export function hiddenText(text) {
  return el("span", { class: "visually-hidden", text });
}
