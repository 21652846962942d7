// Crowd views remembered in this browser, only when the user asked (a
// checkbox in the add dialog): each view's id and withdraw key, kept in
// local storage so that /crowd/withdraw can list them.
import { siteOrigin } from "./api.js";

const SAVED_KEY = "scurve.crowd.views";

export function savedViews() {
  try {
    const list = JSON.parse(localStorage.getItem(SAVED_KEY) || "[]");
    return Array.isArray(list) ? list.filter((v) => v && v.id && v.token) : [];
  } catch {
    return [];
  }
}

/**
 * @param {{id: string, token: string, created?: string}} view
 * @returns {boolean}
 */
export function saveView(view) {
  try {
    const list = savedViews().filter((v) => v.id !== view.id);
    list.push(view);
    localStorage.setItem(SAVED_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false; // storage refused (private mode, quota): the link is still shown
  }
}

/**
 * @param {string} id
 */
export function forgetView(id) {
  try {
    localStorage.setItem(SAVED_KEY, JSON.stringify(savedViews().filter((v) => v.id !== id)));
  } catch {
    // nothing to forget
  }
}

/**
 * @param {string} id
 * @param {string} token
 * @returns {string}
 */
export function withdrawLink(id, token) {
  return `${siteOrigin()}/crowd/withdraw#${id}.${token}`;
}
