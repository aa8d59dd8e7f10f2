// The whole API of the package in one namespace, for the tests that exercise all of it: the
// main module ('qianming') and every subpath module, each imported by its own name.
export * from 'qianming';
export * from 'qianming/apusic';
export * from 'qianming/doctor';
export * from 'qianming/ecology';
export * from 'qianming/k3cloud';
export * from 'qianming/messaging';
