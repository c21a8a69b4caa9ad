// The GOV.UK error summary: a list of problems at the top, each linking to its field, plus the message
// next to the field itself. What the person typed is never touched.
import { $, el, reveal } from "./dom.js";

const summary = () => $("error-summary");

function errorSlot(field) {
  let slot = $(`${field.id}-error`);
  if (!slot) {
    slot = el("p", { class: "field-error", id: `${field.id}-error` });
    field.before(slot);
  }
  return slot;
}

function describe(field, id, on) {
  const ids = new Set((field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) field.setAttribute("aria-describedby", [...ids].join(" "));
  else field.removeAttribute("aria-describedby");
}

export function clearErrors() {
  summary().hidden = true;
  summary().querySelector("ul").replaceChildren();
  document.querySelectorAll(".field-error").forEach((slot) => {
    slot.hidden = true;
    slot.textContent = "";
  });
  document.querySelectorAll("[aria-invalid]").forEach((field) => {
    field.removeAttribute("aria-invalid");
    describe(field, `${field.id}-error`, false);
  });
}

// errors: [{message, field}] where field is the id of the input to fix (it may be missing).
export function showErrors(errors) {
  clearErrors();
  const list = summary().querySelector("ul");
  for (const { message, field: id } of errors) {
    const field = id && $(id);
    if (field) {
      const slot = errorSlot(field);
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent}；${message}` : message;
      field.setAttribute("aria-invalid", "true");
      reveal(field); // its message beside it is seen
      describe(field, slot.id, true);
    }
    const link = el("a", { href: field ? `#${id}` : "#error-summary", text: message });
    link.addEventListener("click", (event) => {
      // Focus the field without writing a fragment into the address bar.
      event.preventDefault();
      if (field) {
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
    list.append(el("li", {}, link));
  }
  summary().hidden = false;
  summary().focus();
}
