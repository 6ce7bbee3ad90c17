// Placeholder while the page is built this session.
export default function Placeholder() {
  return null;
}
