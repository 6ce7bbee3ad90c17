// The response's CSP nonce, for the few elements that render inline scripts (Remix's <Scripts>,
// <ScrollRestoration>). Only the server knows it; in the browser it is '' (browsers hide the
// attribute after load, and hydration does not need it).
import { createContext, useContext } from 'react';

export const NonceContext = createContext<string>('');

export const useNonce = () => useContext(NonceContext);
