/**
 * Deliberately broken classes, one small set per rule of STYLE.md section 8. They mimic the production packages under
 * {@code dev.hangar.violations} and are imported on their own by {@code ArchitectureRulesCanFailTest}, which proves that
 * each rule can fail. {@code ArchitectureTest} never sees them: it leaves out test classes.
 */
package dev.hangar.violations;
