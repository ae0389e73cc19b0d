/** An email that, when it must wrap, wraps before the `@` rather than at an arbitrary letter. */
export function EmailText(props: { email: string }) {
  const at = () => props.email.lastIndexOf('@');
  return (
    <>
      {at() > 0 ? props.email.slice(0, at()) : props.email}
      {at() > 0 ? <wbr /> : null}
      {at() > 0 ? props.email.slice(at()) : ''}
    </>
  );
}
