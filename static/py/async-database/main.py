import asyncio

CONNECT = 1
QUERY = 1
DISCONNECT = 1


class Database:
    async def connect(self):
        print("Connecting to the database...")
        await asyncio.sleep(CONNECT)
        print("Connected")

    async def query(self, sql):
        print(f"Running query: {sql}")
        await asyncio.sleep(QUERY)
        return [{"id": 1, "name": "Alice"}, {"id": 2, "name": "Bob"}]

    async def disconnect(self):
        print("Disconnecting...")
        await asyncio.sleep(DISCONNECT)
        print("Disconnected")


async def main():
    db = Database()
    await db.connect()
    rows = await db.query("SELECT * FROM users")
    print(f"Query result: {rows}")
    await db.disconnect()


asyncio.run(main())
