/**
 * What the screens say, as text: column cells, short event kinds, ages and event times, costs,
 * status badges, summaries and transfer figures. Pure functions of snapshots, rows and plain
 * values: no terminal, no threads, no clients, so each can be tested without drawing anything.
 * The screens in {@code ui} lay the text out and colour it.
 */
package dev.ohtop.presentation;
