package dev.messenger.core.model;

/** The member after an ack, and which of its cursors the ack moved. */
public record CursorMove(Member member, boolean deliveredMoved, boolean readMoved) {}
