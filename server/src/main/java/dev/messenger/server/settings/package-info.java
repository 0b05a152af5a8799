/**
 * The settings of a node, each declared once as a typed {@link
 * dev.messenger.server.settings.Setting} in its group record ({@code NodeSettings}, {@code
 * StoreSettings}, {@code ClusterSettings}, {@code AccountSettings}, {@code MessagingSettings},
 * {@code ConnectionSettings}, {@code LimitSettings}, {@code MediaSettings}, {@code PushSettings});
 * the parser, {@code --help}, validation and the README table derive from those declarations. Modes
 * are enums; passwords and private keys are {@link dev.messenger.server.settings.Secret}s, masked
 * wherever settings are printed.
 */
package dev.messenger.server.settings;
