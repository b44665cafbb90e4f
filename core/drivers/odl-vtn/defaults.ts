/** Default VTN tenant (a vnode-name) of the requests and the VTN driver. */
export const DEFAULT_VTN_TENANT = 'vtn1';
