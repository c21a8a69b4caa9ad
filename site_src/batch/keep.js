// Keeping the roster on this device, only after 「在這部裝置記住名冊」; 「清除」 removes it and everything
// the page holds (chosen files, results). Records and results are never stored.
import { $ } from "../checker/dom.js";
import { chosen, setRoster, clearChosen } from "./choose.js";

const KEY = "kaohsiung-elearn-batch-roster";

function say(text) {
  $("batch-keeping-status").textContent = text;
}

async function save() {
  if (!$("remember-roster").checked || !chosen.roster) return;
  const bytes = new Uint8Array(await chosen.roster.file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  try {
    localStorage.setItem(KEY, JSON.stringify({ name: chosen.roster.name, data: btoa(binary) }));
    say(`已在這部裝置記住名冊「${chosen.roster.name}」。`);
  } catch (error) {
    say("名冊太大，無法記住在這部裝置。");
  }
}

function restore() {
  const saved = localStorage.getItem(KEY);
  if (!saved) return;
  try {
    const { name, data } = JSON.parse(saved);
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    setRoster({ name, file: new File([bytes], name) });
    $("remember-roster").checked = true;
    say(`已載入這部裝置記住的名冊「${name}」。`);
  } catch (error) {
    localStorage.removeItem(KEY);
  }
}

export function initKeep(onCleared) {
  restore();
  $("remember-roster").addEventListener("change", () => {
    if ($("remember-roster").checked) {
      if (chosen.roster) save();
      else say("選擇名冊後就會記住。");
    } else {
      localStorage.removeItem(KEY);
      say("已不再記住，並刪除這部裝置上的名冊。");
    }
  });
  $("batch-roster").addEventListener("change", save);
  $("batch-clear").addEventListener("click", () => {
    localStorage.removeItem(KEY);
    $("remember-roster").checked = false;
    clearChosen();
    onCleared();
    say("已清除這個頁面與這部裝置上的資料。");
  });
}
